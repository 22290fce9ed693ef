import { describe, expect, it } from 'vitest';
import { aaLiteSettings } from './attack-plan';
import { DEFAULT_CONFIG } from './config';
import type { RunRecord } from './run-record';
import { metricsCsv, metricsJson } from './metrics-export';

const point = (epoch: number, natAcc: number, robustAcc: number | null) => ({ epoch, natAcc, robustAcc, loss: 0.5, lr: 0.05, tau: 5, lambda: 6, seconds: 1.5 });
const run = {
  id: 3, label: 'LTD τ=5, "quoted"', config: DEFAULT_CONFIG, teacher: [point(1, 90, null)], student: [point(1, 80, 40), point(2, 82, 45)],
  robustAttack: { attack: 'PGD', epsilon: 0.05, steps: 10, restarts: 1, subset: 500 }, teacherCached: false, liveChanges: [], outcome: 'completed',
} as unknown as RunRecord;

describe('metrics export', () => {
  it('adds a completed run’s final AA-lite (quick) point as one more row, phase final-aa-lite, its attack named in full; JSON keeps it', () => {
    const attack = aaLiteSettings('quick', 0.05, 500, 10, 50);
    const withFinal = { ...run, finalAaLite: { epoch: 2, robustAcc: 31.5, attack, seconds: 4 } } as RunRecord;
    const lines = metricsCsv([withFinal]).trim().split('\n');
    expect(lines).toHaveLength(1 + 3 + 1);
    const cells = lines.at(-1)!.split(',');
    // The label's quoted comma splits in two here: columns 9–14 sit one further.
    expect(cells.slice(10, 16)).toEqual(['final-aa-lite', '2', '', '31.5', '20', '500']);
    expect(lines.at(-1)).toContain('AA-lite (quick)');
    expect(JSON.parse(metricsJson([withFinal])).runs[0].finalAaLite).toMatchObject({ epoch: 2, robustAcc: 31.5, attack: { budget: 'quick' } });
  });

  it('writes one CSV row per epoch and phase, with the PGD settings on student rows only', () => {
    const lines = metricsCsv([run]).trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].split(',').slice(9, 15)).toEqual(['phase', 'epoch', 'natural_accuracy', 'pgd_accuracy', 'pgd_steps', 'pgd_subset']);
    expect(lines[1]).toBe('3,"LTD τ=5, ""quoted""",blobs,mlp,ltd,5,6,0.05,1,teacher,1,90,,,,0.5,0.05,1.5,completed,');
    expect(lines[3]).toContain(',student,2,82,45,10,500,');
    expect(lines[3].endsWith(',completed,"PGD-10, 1 restart, ε = 0.05, 500 test points"')).toBe(true);
  });

  it('names the evaluation attack in full on student rows, whichever it was', () => {
    const aa = { ...run, robustAttack: aaLiteSettings('quick', 0.05, 500, 3) } as RunRecord;
    const last = metricsCsv([aa]).trim().split('\n').at(-1)!;
    expect(last).toContain('"AA-lite (quick): APGD-CE 20 it. → APGD-margin 20 it. → Square 1000 q., 1 restart, ε = 0.05, 500 test points"');
  });

  it('writes JSON that reads back to the same runs', () => {
    expect(JSON.parse(metricsJson([run])).runs).toEqual([run]);
  });
});
