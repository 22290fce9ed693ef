// @vitest-environment happy-dom
/** The accuracy chart of a repeated Train: the mean per epoch with the seeds' min–max shaded, and n in its table. */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../hosts/worker/client', () => ({
  engine: () => {
    throw new Error('the chart must not call the engine');
  },
  callback: <T,>(f: T) => f,
}));

const { AccuracyChart } = await import('./AccuracyChart');
const { render } = await import('../testing/render');
const { setSlice } = await import('../testing/store');
const { finishedRun } = await import('../testing/runs');

type Run = ReturnType<typeof finishedRun>;

/** A run of group 1 at `seed` with the given (natural, PGD) per epoch. */
function member(id: number, repeat: number, figures: Array<[number, number]>, outcome: Run['outcome'] = 'completed'): Run {
  const seed = 10 + repeat - 1;
  const base = finishedRun();
  return finishedRun({
    id, label: `${base.label} seed=${seed}`, config: { ...base.config, seed }, outcome, liveChanges: [],
    student: figures.map(([natAcc, robustAcc], i) => ({ ...base.student[0], epoch: i + 1, natAcc, robustAcc })),
    repeat: { group: 1, repeat, repeats: 3, seed },
  });
}

/** The Accuracy data rows as e2e/helpers.ts accuracyRows reads them: every td as a number. */
const rows = (container: HTMLElement) =>
  [...container.querySelectorAll('table[aria-label="Accuracy data"] tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));

afterEach(() => setSlice('run', { runs: [], status: 'idle' }));

describe('AccuracyChart with repeats', () => {
  it('draws one mean line per figure for the group, shades the min–max where two seeds have the epoch, and tables n', async () => {
    // Seeds 10 and 11 finished two epochs; seed 12 has its first.
    setSlice('run', {
      status: 'running',
      runs: [member(4, 1, [[60, 30], [70, 40]]), member(5, 2, [[66, 36], [74, 44]]), member(6, 3, [[72, 33]], 'running')],
    });
    const page = await render(<AccuracyChart />);
    const lines = [...page.container.querySelectorAll('.chart-legend li')].map((li) => li.textContent);
    expect(lines).toEqual(['Natural accuracy (mean, seeds 10–12)', 'PGD accuracy (mean, seeds 10–12)']);
    expect(page.container.querySelectorAll('.chart-band path.recharts-area-area')).toHaveLength(2);
    expect(rows(page.container)).toEqual([
      ['1', '66.0', '33.0', '3', '60.0–72.0', '30.0–36.0'],
      ['2', '72.0', '42.0', '2', '70.0–74.0', '40.0–44.0'],
    ]);
    // The e2e parser's first three numbers are still epoch, natural %, PGD %.
    expect(rows(page.container).map((r) => r.slice(0, 3).map(Number))).toEqual([[1, 66, 33], [2, 72, 42]]);
    expect(page.container.querySelector('table caption')!.textContent).toMatch(/^Runs 4–6: LTD τ=5 λ=6 ε=0\.05, seeds 10–12; each epoch the mean/);
    expect(page.container.textContent).toContain('seed 12 is run 3 of 3');
    await page.unmount();
  });

  it('keeps a single run as before, with n = 1 and no range, and no band', async () => {
    setSlice('run', { status: 'done', runs: [finishedRun()] });
    const page = await render(<AccuracyChart />);
    expect(page.container.querySelectorAll('.chart-band')).toHaveLength(0);
    expect(rows(page.container)).toEqual([['1', '80.0', '40.0', '1', '—', '—'], ['2', '85.3', '47.5', '1', '—', '—']]);
    expect(page.container.querySelector('table caption')!.textContent).toMatch(/^Run 3: LTD τ=5 λ=6 ε=0\.05\./);
    await page.unmount();
  });
});

describe('AccuracyChart’s final AA-lite point', () => {
  const aaQuick = { attack: 'AA-lite' as const, epsilon: 0.05, steps: 20, restarts: 1, subset: 64, budget: 'quick' as const, queries: 1000 };

  it('marks a finished run’s last epoch under AA-lite (quick) as a diamond, named with its attack, ε, steps and subset', async () => {
    const run = finishedRun();
    const last = run.student.at(-1)!;
    setSlice('run', { status: 'done', runs: [{ ...run, finalAaLite: { epoch: last.epoch, robustAcc: 12.5, attack: aaQuick, seconds: 2 } }] });
    const page = await render(<AccuracyChart />);
    const legend = [...page.container.querySelectorAll('.chart-legend li')].map((li) => li.textContent);
    expect(legend).toContain(`AA-lite (quick) ε=0.05 on 64 points, 20 steps, after epoch ${last.epoch}`);
    // recharts' legend draws the marker series' icon as a diamond symbol in its colour, the lines' as lines.
    const icons = page.container.querySelectorAll('.chart-legend path.recharts-symbols');
    expect(icons).toHaveLength(1);
    expect(icons[0].getAttribute('fill')).toBe('#9b2226');
    // The plot draws one diamond: the single point of the marker series (the line series draw circles).
    expect(page.container.querySelectorAll('.recharts-surface .chart-marker')).toHaveLength(1);
    expect(page.container.querySelector('figcaption')!.textContent).toMatch(/Diamond: AA-lite \(quick\).*12\.5\s?% robust/);
    await page.unmount();
  });

  it('draws no diamond for a run without the point (stopped, or saved before format 5)', async () => {
    setSlice('run', { status: 'done', runs: [finishedRun({ outcome: 'stopped' })] });
    const page = await render(<AccuracyChart />);
    expect(page.container.querySelectorAll('.chart-marker')).toHaveLength(0);
    await page.unmount();
  });
});
