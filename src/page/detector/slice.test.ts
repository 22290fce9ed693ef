import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import type { DetectorReport } from '../../hosts/worker/api';
import type { DetectorEvent } from '../../shared/events';
import type { DetectorProgress } from './slice';

const report = { verdict: 'clean', sweep: [] } as unknown as DetectorReport;
const requests: unknown[] = [];
/** What the fake worker reports while it "runs". */
let progressScript: DetectorProgress[] = [];
vi.mock('../../hosts/worker/client', () => ({
  engine: () => ({
    runDetector: async (request: unknown, onEvent: (e: DetectorEvent) => void) => {
      requests.push(request);
      progressScript.forEach((p) => onEvent({ type: 'detector-progress', ...p }));
      return report;
    },
    loadCorpusModel: async (id: string) => ({
      entry: { id, label: 'Natural model, logits × 1000', group: 'masked', expected: 'masked', what: '' },
      config: { ...DEFAULT_CONFIG, dataset: 'blobs', epsilon: 0.1, trainSize: 1000 }, naturalAccuracy: 98, hasTeacher: false,
    }),
  }),
  callback: <T>(f: T) => f,
}));

const { useStore } = await import('../store');
const { setSlice } = await import('../testing/store');
const { detectorExport } = await import('./slice');

describe('detector store', () => {
  it('keeps the request a report was made with, whatever the page changes afterwards', async () => {
    setSlice('detector', { role: 'teacher', subset: 50, queries: 300, pgdSteps: 10, restarts: 1, attack: 'aa-lite', aaBudget: 'quick' });
    await useStore.getState().detector.run({ ...DEFAULT_CONFIG, epsilon: 8 / 255 });
    // The person then changes the page: another ε, subset, model and budget.
    useStore.getState().detector.set({ role: 'student', subset: 999, queries: null });
    const { reportRequest, report: kept } = useStore.getState().detector;
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

  it('takes at most a few progress updates per stage when the worker reports every iteration, each with its ETA', async () => {
    progressScript = [
      ...Array.from({ length: 200 }, (_, i) => ({ stage: 'AA-lite (quick)', fraction: i / 1000 })),
      { stage: 'Square attack', fraction: 0.5 },
    ];
    const seen: Array<DetectorProgress | null> = [];
    const unsubscribe = useStore.subscribe(({ detector: d }, { detector: before }) => void (d.progress !== before.progress && seen.push(d.progress)));
    await useStore.getState().detector.run(DEFAULT_CONFIG);
    unsubscribe();
    progressScript = [];
    const stages = seen.filter((p): p is DetectorProgress => p !== null).map((p) => p.stage);
    expect(stages.filter((stage) => stage === 'AA-lite (quick)').length).toBeLessThan(10);
    expect(stages).toContain('Square attack'); // a new stage always shows
    expect(useStore.getState().detector.etaSeconds).toBeNull(); // cleared with the progress when the report arrives
  });

  it('loads a demo model as the model to examine, and judges it on its own data set and ε, not the page’s', async () => {
    await useStore.getState().detector.loadDemo('logits-x1000');
    expect(useStore.getState().detector).toMatchObject({ role: 'demo', demoLoading: null, demo: { entry: { id: 'logits-x1000' } } });
    await useStore.getState().detector.run({ ...DEFAULT_CONFIG, dataset: 'moons', epsilon: 0.02 });
    expect(requests.at(-1)).toMatchObject({ role: 'demo', epsilon: 0.1, config: { dataset: 'blobs', epsilon: 0.1 } });
    expect(useStore.getState().detector.reportRequest).toMatchObject({ role: 'demo', epsilon: 0.1 });
    // Another role goes back to the page's config.
    useStore.getState().detector.set({ role: 'student' });
    await useStore.getState().detector.run({ ...DEFAULT_CONFIG, dataset: 'moons', epsilon: 0.02 });
    expect(requests.at(-1)).toMatchObject({ role: 'student', epsilon: 0.02 });
  });
});
