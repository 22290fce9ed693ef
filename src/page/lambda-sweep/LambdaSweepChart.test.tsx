// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { AttackSettings } from '../../shared/events';
import { LambdaSweepChart } from './LambdaSweepChart';
import { render } from '../testing/render';
import { type LambdaPoint, lambdaGroups } from './slice';
import { PLAIN_EXTRAS } from '../../shared/testing/figures';

const PGD: AttackSettings = { attack: 'PGD', epsilon: 0.05, steps: 3, restarts: 1, subset: 64 };

function point(method: 'ltd' | 'trades', lambda: number, repeat: number, repeats: number, natAcc: number, robustAcc: number): LambdaPoint {
  return {
    method, lambda, tau: method === 'ltd' ? 3 : null, epochs: 1, seed: 4 + repeat - 1, repeat, repeats,
    natAcc, robustAcc, squareAcc: null, worstCaseAcc: robustAcc, subset: 64, robustAttack: PGD, square: null, cleanCorrect: 58, ...PLAIN_EXTRAS,
  };
}

const cellsOf = (container: HTMLElement) =>
  [...container.querySelectorAll('table[aria-label="Lambda sweep data"] tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));

describe('LambdaSweepChart', () => {
  it('draws each repeated line’s mean with its min–max shaded, and tables mean ± s.d. with n', async () => {
    // λ = 0 at seeds 4, 5, 6: natural 60, 70, 80 (mean 70, s.d. 10); λ = 6: 50, 56, 53 (mean 53, s.d. 3).
    const points = [
      point('ltd', 0, 1, 3, 60, 20), point('ltd', 6, 1, 3, 50, 30), point('trades', 6, 1, 3, 55, 35),
      point('ltd', 0, 2, 3, 70, 22), point('ltd', 6, 2, 3, 56, 33), point('trades', 6, 2, 3, 57, 36),
      point('ltd', 0, 3, 3, 80, 24), point('ltd', 6, 3, 3, 53, 36),
    ];
    const page = await render(<LambdaSweepChart groups={lambdaGroups(points)} />);
    const bands = [...page.container.querySelectorAll('.chart-band path.recharts-area-area')];
    expect(bands.map((b) => b.getAttribute('fill'))).toEqual(['#2a9d8f', '#1d3557']); // natural, PGD; no Square run
    expect(cellsOf(page.container)).toEqual([
      ['LTD τ = 3', '0', '70.0 ± 10.0', '22.0 ± 2.0', '—', '22.0 ± 2.0', '3'],
      ['LTD τ = 3', '6', '53.0 ± 3.0', '33.0 ± 3.0', '—', '33.0 ± 3.0', '3'],
      // The TRADES row's third seed has not finished: n = 2.
      ['TRADES', '6', '56.0 ± 1.4', '35.5 ± 0.7', '—', '35.5 ± 0.7', '2'],
    ]);
    expect(page.container.querySelector('th:nth-child(3)')!.textContent).toBe('Natural accuracy (%, mean ± s.d.)');
    expect(page.container.textContent).toContain('the mean over 3 seeds (4–6); shaded: their min–max');
    await page.unmount();
  });

  it('without repeats draws no band and keeps plain numbers in the table, with n = 1', async () => {
    const page = await render(<LambdaSweepChart groups={lambdaGroups([point('ltd', 0, 1, 1, 60, 20), point('ltd', 6, 1, 1, 50, 30)])} />);
    expect(page.container.querySelectorAll('.chart-band')).toHaveLength(0);
    expect(cellsOf(page.container)).toEqual([['LTD τ = 3', '0', '60.0', '20.0', '—', '20.0', '1'], ['LTD τ = 3', '6', '50.0', '30.0', '—', '30.0', '1']]);
    expect(page.container.textContent).not.toContain('seeds');
    await page.unmount();
  });

  it('shows a repeated row with one seed so far as its value ± —, and no band there yet', async () => {
    const page = await render(<LambdaSweepChart groups={lambdaGroups([point('ltd', 0, 1, 5, 60, 20), point('ltd', 6, 1, 5, 50, 30)])} />);
    expect(page.container.querySelectorAll('.chart-band')).toHaveLength(0);
    expect(cellsOf(page.container)[0]).toEqual(['LTD τ = 3', '0', '60.0 ± —', '20.0 ± —', '—', '20.0 ± —', '1']);
    await page.unmount();
  });
});
