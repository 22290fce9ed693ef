import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import type { AttackSettings } from '../../shared/events';
import { finishedRun } from '../testing/runs';
import type { DetectorReport, RobustFigure } from '../../hosts/worker/api';
import { checksText, presentFigures, reportMatchesRun } from './figures';
import type { DetectorReportRequest } from '../detector/slice';

const run = finishedRun(); // last student epoch: 85.25 % natural, 47.5 % under PGD-10 on 500 points
const figure = (attack: AttackSettings['attack'], robustAccuracy: number, extra: Partial<AttackSettings> = {}): RobustFigure => ({
  n: 64, cleanAccuracy: 87.5, robustAccuracy, successRate: 0, broken: 0, cleanCorrect: 56,
  settings: { attack, epsilon: 0.05, steps: 0, restarts: 1, subset: 64, ...extra },
});
const report = {
  verdict: 'masked',
  subset: 64,
  whiteBoxName: 'APGD-CE → APGD-T',
  // Counted by kind, not by a number written in the text: three warning signs and two indicators here.
  checks: [...['a', 'b', 'c'].map((id) => ({ id, kind: 'warning-sign' })), ...['d', 'e'].map((id) => ({ id, kind: 'attack-failure' }))],
  attacks: { whiteBox: figure('AA-lite', 60.9, { part: 'white-box', members: [] }), square: figure('Square', 31.25, { queries: 1000 }) },
} as unknown as DetectorReport;
const request = (change: Partial<DetectorReportRequest> = {}): DetectorReportRequest => ({
  role: 'student', config: run.config, epsilon: 0.05, subset: 64, queries: null, pgdSteps: 20, restarts: 3, attack: 'aa-lite', aaBudget: 'quick',
  ...change,
});

describe('presentation figures', () => {
  it('counts the detector’s checks by kind', () => {
    const check = (kind: string) => ({ kind }) as DetectorReport['checks'][number];
    expect(checksText([check('warning-sign')])).toBe('1 warning sign');
    expect(checksText([check('warning-sign'), check('warning-sign'), check('attack-failure')])).toBe('2 warning signs and 1 attack-failure indicator');
  });

  it('shows a dash and says to press Train when nothing is measured yet', () => {
    const figures = presentFigures(undefined, null, null);
    for (const f of [figures.natural, figures.robust, figures.square]) expect(f.value).toBe('—');
    expect([figures.natural.measured, figures.robust.measured, figures.square.measured, figures.verdict.measured]).toEqual([false, false, false, false]);
    expect(figures.natural.detail).toBe('no student trained yet: press Train');
    expect(figures.square.detail).toBe('not measured yet: run the detector (Square is its black-box attack)');
    expect(figures.verdict.word).toBe('—');
  });

  it('waits for the first student epoch while a run trains its teacher', () => {
    const figures = presentFigures({ ...run, student: [], outcome: 'running' }, null, null);
    expect(figures.natural).toEqual({ value: '—', detail: 'measured after the student’s first epoch', measured: false });
    expect(figures.robust.value).toBe('—');
  });

  it('takes natural and white-box accuracy from the last student epoch, naming the attack, ε and subset', () => {
    const figures = presentFigures(run, null, null);
    expect(figures.natural.value).toBe('85.3%');
    expect(figures.natural.detail).toBe('Student after epoch 2: all test points, no attack');
    expect(figures.robust.value).toBe('47.5%');
    expect(figures.robust.detail).toBe('White-box, epoch 2: PGD-10, 1 restart, ε = 0.05, 500 test points');
    // No detector report: Square is not measured, and the card says how to measure it.
    expect(figures.square.value).toBe('—');
  });

  it('shows Square and the verdict from a report on this run’s student, beside the white-box side on the same points', () => {
    const figures = presentFigures(run, report, request());
    expect(figures.square.value).toBe('31.3%');
    expect(figures.square.detail).toBe(
      'Black-box: Square, 1000 queries, ε = 0.05, 64 test points. On the same points the white-box side (APGD-CE → APGD-T) leaves 60.9%.',
    );
    expect(figures.verdict.word).toBe('masked');
    expect(figures.verdict.detail).toContain('overstates robustness');
    expect(figures.verdict.detail).toContain('3 warning signs and 2 attack-failure indicators on 64 test points, white-box side APGD-CE → APGD-T');
  });

  it('keeps a report about another model away from this run’s numbers, and says why', () => {
    const teacher = presentFigures(run, report, request({ role: 'teacher' }));
    expect(teacher.square.value).toBe('—');
    expect(teacher.square.detail).toBe('the detector’s last report is about the teacher: run it on the student');
    const otherRun = presentFigures(run, report, request({ config: { ...run.config, tau: 2 } }));
    expect(otherRun.square.detail).toBe('the detector’s last report is about another run’s student: run it on this one');
    expect(otherRun.verdict.word).toBe('—');
    const training = presentFigures({ ...run, outcome: 'running' }, report, request());
    expect(training.square.detail).toBe('the run is still training: run the detector when it finishes');
  });

  it('matches a report to a run by its settings, not by object identity', () => {
    expect(reportMatchesRun(run, request({ config: { ...DEFAULT_CONFIG, tau: 5, lambda: 6, epochs: 2 } }))).toBe(true);
    expect(reportMatchesRun(run, request({ config: { ...DEFAULT_CONFIG, tau: 5, lambda: 6, epochs: 3 } }))).toBe(false);
    expect(reportMatchesRun(undefined, request())).toBe(false);
  });
});
