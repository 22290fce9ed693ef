import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import type { DetectorReport } from '../engine/eval/masking';

const report = { verdict: 'clean', sweep: [] } as unknown as DetectorReport;
const requests: unknown[] = [];
vi.mock('../worker/client', () => ({
  engine: () => ({ runDetector: async (request: unknown) => (requests.push(request), report) }),
  callback: <T>(f: T) => f,
}));

const { detectorExport, useDetector } = await import('./detector');

describe('detector store', () => {
  it('keeps the request a report was made with, whatever the page changes afterwards', async () => {
    useDetector.setState({ role: 'teacher', subset: 50, queries: 300, pgdSteps: 10, restarts: 1, attack: 'aa-lite', aaBudget: 'quick' });
    await useDetector.getState().run({ ...DEFAULT_CONFIG, epsilon: 8 / 255 });
    // The person then changes the page: another ε, subset, model and budget.
    useDetector.getState().set({ role: 'student', subset: 999, queries: null });
    const { reportRequest, report: kept } = useDetector.getState();
    expect(kept).toBe(report);
    expect(reportRequest).toEqual({
      role: 'teacher', config: { ...DEFAULT_CONFIG, epsilon: 8 / 255 }, epsilon: 8 / 255, subset: 50, queries: 300, pgdSteps: 10, restarts: 1,
      attack: 'aa-lite', aaBudget: 'quick',
    });
    const exported = detectorExport(report, reportRequest!);
    expect(exported.model).toBe('teacher');
    expect(exported.config.epsilon).toBe(8 / 255);
    expect(exported.settings).toEqual({ epsilon: 8 / 255, subset: 50, queries: 300, pgdSteps: 10, restarts: 1, attack: 'aa-lite', aaBudget: 'quick' });
    expect(exported.report).toBe(report);
    // The worker is asked for that white-box side and budget.
    expect(requests.at(-1)).toMatchObject({ options: { whiteBox: 'aa-lite', aaBudget: 'quick', pgdSteps: 10, restarts: 1, squareQueries: 300 } });
  });
});
