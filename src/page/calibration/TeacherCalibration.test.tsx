// @vitest-environment happy-dom
/**
 * The "Teacher calibration" region as a person meets it, with the engine worker stubbed by the
 * real calibration math on hand-written logits: the button waits for a teacher, the report fills
 * the charts' data tables and the sentences, the slider's τ is read live, an engine refusal is
 * shown, and a new run drops the old teacher's figures.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { teacherCalibration } from '../../shared/theory';
import type { TeacherCalibrationReport, TeacherCalibrationRequest } from '../../hosts/worker/api';

const stub = vi.hoisted(() => ({ calls: [] as unknown[], fail: null as string | null }));

/** Three test points of a 3-class teacher: two sure and right, one unsure and wrong. */
function measured(request: TeacherCalibrationRequest): TeacherCalibrationReport {
  const outputs = { logits: [6, 0, 0, 0, 5, 0, 1, 0.5, 0], classes: 3, labels: [0, 1, 2] };
  const c = teacherCalibration(outputs, request.taus, request.bins);
  const points = c.softLabels.map((s) => ({ tau: s.tau, meanEntropy: s.meanEntropy, meanMaxProb: s.meanMaxProb, discrepancy: null }));
  return { dataset: 'moons', classes: 3, subset: 3, maxEntropy: c.maxEntropy, points, reliability: c.reliability, uniformDiscrepancy: null };
}

vi.mock('../../hosts/worker/client', () => ({
  engine: () => ({
    teacherCalibration: async (request: TeacherCalibrationRequest) => {
      stub.calls.push(request);
      if (stub.fail) throw new Error(stub.fail);
      return measured(request);
    },
  }),
  callback: <T,>(f: T) => f,
}));

const { TeacherCalibration } = await import('./TeacherCalibration');
const { render, byRole } = await import('../testing/render');
const { setSlice } = await import('../testing/store');
const { finishedRun } = await import('../testing/runs');

const button = (root: HTMLElement) => byRole(root, 'button', 'Measure teacher calibration')[0] as HTMLButtonElement;
const rows = (root: HTMLElement, name: string) => [...(byRole(root, 'table', name)[0]?.querySelectorAll('tbody tr') ?? [])];
const reading = (root: HTMLElement) => root.querySelector('[data-testid="calibration-reading"]')?.textContent ?? '';

describe('TeacherCalibration', () => {
  beforeEach(() => {
    stub.calls = [];
    stub.fail = null;
    setSlice('run', { runs: [] });
    setSlice('calibration', { measuring: null, measured: null });
    setSlice('settings', (s) => ({ config: { ...s.config, tau: 5 } }));
  });
  afterEach(() => document.body.replaceChildren());

  it('waits for a teacher, then measures every slider τ and fills both data tables and the reading', async () => {
    const page = await render(<TeacherCalibration />);
    expect(button(page.container).disabled).toBe(true);
    await page.update(() => setSlice('run', { runs: [finishedRun({ teacherCached: true })] }));
    expect(button(page.container).disabled).toBe(false);

    await page.update(() => button(page.container).click());
    expect(stub.calls).toEqual([{ taus: expect.arrayContaining([1, 5, 50]), subset: 1000, bins: 10 }]);
    const softRows = rows(page.container, 'Soft-label calibration data');
    expect(softRows).toHaveLength(99);
    // τ = 1: share of ln 3 and max-probability as computed, G "—" (no oracle here).
    const first = [...softRows[0].querySelectorAll('td')].map((td) => td.textContent);
    expect(first[0]).toBe('1');
    expect(Number(first[3])).toBeGreaterThan(0.5);
    expect(first[4]).toBe('—');
    const bins = rows(page.container, 'Reliability data');
    expect(bins).toHaveLength(10);
    expect(bins.reduce((n, tr) => n + Number(tr.querySelectorAll('td')[1].textContent), 0)).toBe(3);

    expect(reading(page.container)).toMatch(/within 10 % of uniform/);
    expect(reading(page.container)).toMatch(/At the slider’s τ = 5: mean entropy/);
    expect(reading(page.container)).toMatch(/No G here: moons has no closed-form oracle/);
    expect(byRole(page.container, 'status', 'Calibration status')[0].textContent).toBe('Measured on 3 test points of moons, 99 values of τ.');

    // The slider's τ is read without asking the engine again.
    await page.update(() => setSlice('settings', (s) => ({ config: { ...s.config, tau: 12.5 } })));
    expect(reading(page.container)).toMatch(/At the slider’s τ = 12\.5:/);
    expect(stub.calls).toHaveLength(1);
    await page.unmount();
  });

  it('shows the engine’s refusal, and drops a report when a new run begins', async () => {
    setSlice('run', { runs: [finishedRun({ teacherCached: true })] });
    const page = await render(<TeacherCalibration />);
    stub.fail = 'Teacher calibration: There is no teacher yet: train a method that uses one first.';
    await page.update(() => button(page.container).click());
    expect(byRole(page.container, 'alert')[0].textContent).toBe(stub.fail);

    stub.fail = null;
    await page.update(() => button(page.container).click());
    expect(byRole(page.container, 'alert')).toHaveLength(0);
    expect(rows(page.container, 'Reliability data')).toHaveLength(10);
    await page.update(() => setSlice('run', { runs: [finishedRun({ id: 4, teacherCached: true })] }));
    expect(rows(page.container, 'Reliability data')).toHaveLength(0);
    await page.unmount();
  });
});
