// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { AttackSettings } from '../../shared/events';
import { PLAIN_EXTRAS } from '../../shared/testing/figures';
import { render } from '../testing/render';
import { PaperTable4 } from './PaperTable4';
import { TemperatureSweepChart } from './TemperatureSweepChart';
import { tauGroups, type TauPoint } from './slice';

const PGD: AttackSettings = { attack: 'PGD', epsilon: 0.1, steps: 10, restarts: 1, subset: 200 };
const SQUARE: AttackSettings = { attack: 'Square', epsilon: 0.1, steps: 0, restarts: 1, subset: 200, queries: 500 };
const AA: AttackSettings = { attack: 'AA-lite', epsilon: 0.1, steps: 20, restarts: 1, subset: 200, budget: 'quick', queries: 500, targets: 3 };

/** A τ point on 200 test points: Square and AA-lite against PGD-10 as the discordant pairs say. */
function point(tau: number, natAcc: number, pgd: number, aa: number, square: number, logitScale: number, onlySquare: number): TauPoint {
  return {
    ...PLAIN_EXTRAS, tau, split: 'test', stage: 'grid', lambda: 6, epochs: 6, seed: 1, repeat: 1, repeats: 1, subset: 200, cleanCorrect: (natAcc * 200) / 100,
    natAcc, robustAcc: pgd, aaLiteAcc: aa, squareAcc: square, worstCaseAcc: Math.min(pgd, aa, square), robustAttack: PGD, square: SQUARE, aaLite: AA, logitScale, versusWhiteBox: { square: { onlyOther: onlySquare, onlyWhiteBox: 0 }, aaLite: { onlyOther: onlySquare, onlyWhiteBox: 0 } },
  };
}

const cellsOf = (container: HTMLElement, label: string) =>
  [...container.querySelectorAll(`table[aria-label="${label}"] tbody tr`)].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));

describe('TemperatureSweepChart', () => {
  it('draws PGD, AA-lite and Square as three lines over τ, with each τ’s logit scale and cheap checks beside them', async () => {
    // τ = 20: Square breaks 24 of 140 clean-correct points PGD left standing (McNemar z = √24 = 4.9).
    const points = [point(1, 80, 42, 41, 41, 9.2, 2), point(20, 70, 45, 33, 33, 0.61, 24)];
    const page = await render(<TemperatureSweepChart groups={tauGroups(points)} />);
    const legend = [...page.container.querySelectorAll('.chart-legend li')].map((li) => li.textContent);
    expect(legend).toEqual(['Natural accuracy', 'PGD accuracy', 'AA-lite accuracy', 'Square accuracy']);
    expect(cellsOf(page.container, 'Temperature sweep data')).toEqual([
      ['1', '80.0', '42.0', '41.0', '41.0', '41.0', '9.2', 'none fire', 'test', '1'],
      ['20', '70.0', '45.0', '33.0', '33.0', '33.0', '0.61', 'Square beats PGD-10: +17 pts, z 4.9; AA-lite beats PGD-10: +17 pts, z 4.9', 'test', '1'],
    ]);
    const note = page.container.querySelector('[aria-label="Logit scale and checks per τ"]')!.textContent!;
    expect(note).toMatch(/^Student logit scale \(mean max \|z\|\): τ = 1: 9\.2 · τ = 20: 0\.61\./);
    expect(page.container.textContent).toContain('AA-lite: AA-lite');
    await page.unmount();
  });
});

describe('PaperTable4', () => {
  it('gives the paper’s figures, labelled as the paper’s CIFAR-10 run', async () => {
    const page = await render(<PaperTable4 />);
    expect(page.container.textContent).toMatch(/^The paper’s Table 4 \(Chen & Lee 2021\): TRADES \+ LTD on CIFAR-10, WRN-34-10/);
    const rows = cellsOf(page.container, 'Paper’s Table 4 data');
    expect(rows[0]).toEqual(['TRADES', '84.92', '53.08']);
    expect(rows.find((r) => r[0] === '5')).toEqual(['5', '86.20', '55.09']);
    expect(rows.at(-1)).toEqual(['20', '94.39', '0.00']);
    expect(rows).toHaveLength(10);
    await page.unmount();
  });
});
