import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SweepFigures } from './events';
import { claimReferences, claimSeeds, judgeClaim, type Measurement, type RunMeasurement, standing } from './preset-claims';
import { PRESETS } from './presets';
import { summarise } from './stats';

const PGD = { attack: 'PGD' as const, epsilon: 0.1, steps: 10, restarts: 1, subset: 200 };

/** Figures on 200 points: accuracies in percent, Square's and AA-lite's disagreements with PGD as given. */
function figures(f: { nat: number; pgd: number; aa: number; square: number; scale?: number; zero?: number; onlySquare?: number; onlyAa?: number }): SweepFigures {
  const cleanCorrect = (f.nat * 200) / 100;
  // Points only the other attack broke, beyond what the accuracy gap needs, are matched by points only PGD broke.
  const pair = (acc: number, only = 0) => ({ onlyOther: (2 * (f.pgd - acc)) + only, onlyWhiteBox: only });
  return {
    natAcc: f.nat, robustAcc: f.pgd, aaLiteAcc: f.aa, squareAcc: f.square, worstCaseAcc: Math.min(f.pgd, f.aa, f.square), subset: 200, cleanCorrect,
    robustAttack: PGD, square: { ...PGD, attack: 'Square', steps: 0, queries: 500 }, aaLite: { ...PGD, attack: 'AA-lite' },
    versusWhiteBox: { square: pair(f.square, f.onlySquare), aaLite: pair(f.aa, f.onlyAa) }, logitScale: f.scale ?? 8, zeroGradients: f.zero ?? 0,
  };
}
const run = (f: SweepFigures, verdict: RunMeasurement['verdict'] = 'clean', fired: string[] = [], seed = 1): RunMeasurement => ({ seed, figures: f, verdict, fired, seconds: 60 });
const runs = (...r: RunMeasurement[]): Measurement => ({ kind: 'runs', runs: r });
const none = () => undefined;
const claim = (id: string) => PRESETS.find((p) => p.id === id)!.claim;

describe('the presets’ claims', () => {
  it('no defence holds when it learns, PGD and AA-lite break most points and the detector says clean', () => {
    const good = judgeClaim(claim('natural'), runs(run(figures({ nat: 85, pgd: 20, aa: 12, square: 40 }))), none);
    expect(good.holds).toBe(true);
    expect(good.conditions.map((c) => c.holds)).toEqual([true, true, true, true]);
    // Half the points still robust under AA-lite is not "most broken"; a suspected verdict is not clean.
    expect(judgeClaim(claim('natural'), runs(run(figures({ nat: 85, pgd: 45, aa: 43, square: 60 }))), none).holds).toBe(false);
    expect(judgeClaim(claim('natural'), runs(run(figures({ nat: 85, pgd: 20, aa: 12, square: 40 }), 'suspected')), none).holds).toBe(false);
  });

  it('TRADES holds only against the natural preset measured beside it, by a gap beyond the binomial error', () => {
    const natural = runs(run(figures({ nat: 85, pgd: 20, aa: 12, square: 40 })));
    const trades = runs(run(figures({ nat: 78, pgd: 50, aa: 42, square: 55 })));
    expect(judgeClaim(claim('trades'), trades, none)).toMatchObject({ holds: false, missing: 'the natural preset measured in the same run' });
    const j = judgeClaim(claim('trades'), trades, (id) => (id === 'natural' ? natural : undefined));
    expect(j.holds).toBe(true);
    expect(j.conditions[1].text).toMatch(/^AA-lite 42\.0 % against natural's 12\.0 %: 30\.0 points above \(binomial z 7\.\d\d/);
    // 15 % against 12 % on 200 points each: within noise.
    const weak = runs(run(figures({ nat: 78, pgd: 20, aa: 15, square: 30 })));
    expect(judgeClaim(claim('trades'), weak, () => natural).holds).toBe(false);
  });

  it('LTD against TRADES needs three seeds of each, and says which way the means fall', () => {
    const seeds = (nat: number[], aa: number[]) => runs(...nat.map((n, i) => run(figures({ nat: n, pgd: aa[i] + 8, aa: aa[i], square: aa[i] + 10 }), 'clean', [], i + 1)));
    const trades = seeds([78, 80, 79], [40, 42, 41]);
    expect(judgeClaim(claim('ltd-paper'), seeds([80], [41]), () => trades).missing).toBe('3 seeds of this preset and of trades (have 1 and 3)');
    const level = judgeClaim(claim('ltd-paper'), seeds([80, 79, 81], [41, 43, 40]), () => trades);
    expect(level.holds).toBe(true);
    expect(level.conditions[0].text).toMatch(/^natural accuracy 80\.0 ± 1\.0 against trades's 79\.0 ± 1\.0 over 3 seeds: 1\.0 points .* is level/);
    const better = judgeClaim(claim('ltd-paper'), seeds([80, 79, 81], [48, 50, 49]), () => trades);
    expect(better.holds).toBe(false);
    expect(better.conditions[1].text).toMatch(/is above .*the claim says level$/);
  });

  it('standing: level within the tolerance, or within noise; above or below only when both clear', () => {
    const s = (values: number[]) => summarise(values);
    expect(standing(s([50, 51, 52]), s([49, 50, 51]), 2, 1.96).standing).toBe('level');
    expect(standing(s([60, 61, 62]), s([49, 50, 51]), 2, 1.96).standing).toBe('above');
    expect(standing(s([40, 60, 50]), s([45, 44, 46]), 2, 1.96).standing).toBe('level'); // 5 points, but s.d. 10
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 5 }), (values) => {
      // A preset against itself is always level.
      expect(standing(s(values), s(values), 0, 1.96).standing).toBe('level');
    }));
  });

  it('LTD too hot holds when it learns, Square and AA-lite break clearly more than PGD, and its logits are flatter than TRADES’s', () => {
    const trades = runs(run(figures({ nat: 78, pgd: 45, aa: 40, square: 50, scale: 6 })));
    const hot = runs(run(figures({ nat: 72, pgd: 50, aa: 36, square: 38, scale: 1.2 })));
    const j = judgeClaim(claim('ltd-hot'), hot, () => trades);
    expect(j.conditions.map((c) => c.holds)).toEqual([true, true, true, true]);
    expect(j.conditions[1].text).toMatch(/^Square breaks 16\.7 points more of the clean-correct points than PGD \(only Square 24, only PGD 0; McNemar z 4\.90/);
    // At chance there is nothing to mask, whatever the attacks say.
    expect(judgeClaim(claim('ltd-hot'), runs(run(figures({ nat: 11, pgd: 10, aa: 2, square: 2, scale: 0.1 }))), () => trades).holds).toBe(false);
    // A 4-point gap on 200 points whose disagreements mostly cancel is noise.
    const noisy = runs(run(figures({ nat: 72, pgd: 40, aa: 38, square: 36, scale: 1.2, onlySquare: 20, onlyAa: 20 })));
    expect(judgeClaim(claim('ltd-hot'), noisy, () => trades).conditions[1].holds).toBe(false);
  });

  it('defensive distillation holds when PGD looks robust but AA-lite is not fooled, the detector calls it masked and names the gradients and the overstatement', () => {
    const why = ['vanishing-gradients', 'chart-vs-aa-lite'];
    const masked = runs(run(figures({ nat: 80, pgd: 32, aa: 13, square: 25, scale: 225, zero: 40 }), 'masked', why));
    expect(judgeClaim(claim('defensive-distillation'), masked, none).holds).toBe(true);
    // Suspected is not masked; AA-lite within the effect size of PGD is no overstatement.
    expect(judgeClaim(claim('defensive-distillation'), runs(run(figures({ nat: 80, pgd: 32, aa: 13, square: 25 }), 'suspected', why)), none).holds).toBe(false);
    expect(judgeClaim(claim('defensive-distillation'), runs(run(figures({ nat: 80, pgd: 32, aa: 27, square: 25 }), 'masked', why)), none).holds).toBe(false);
    const silent = runs(run(figures({ nat: 80, pgd: 60, aa: 30, square: 35 }), 'masked', ['square-vs-white-box']));
    const j = judgeClaim(claim('defensive-distillation'), silent, none);
    expect(j.holds).toBe(false);
    expect(j.conditions.at(-2)).toEqual({ text: 'detector check vanishing-gradients fires (fired: square-vs-white-box)', holds: false });
  });

  it('Table 4 holds when the Square gap opens with τ and the logits shrink, and not when the gap stays flat', () => {
    const at = (tau: number, f: SweepFigures) => ({ tau, ...f });
    const opening: Measurement = { kind: 'sweep', seconds: 900, points: [
      at(20, figures({ nat: 70, pgd: 45, aa: 33, square: 34, scale: 0.6 })), at(1, figures({ nat: 80, pgd: 42, aa: 40, square: 41, scale: 9 })),
      at(5, figures({ nat: 78, pgd: 44, aa: 38, square: 39, scale: 3 })),
    ] };
    const j = judgeClaim(claim('table-4'), opening, none);
    expect(j.holds).toBe(true);
    // Success-rate points on the clean-correct points: 2 of 160 at τ = 1, 22 of 140 at τ = 20.
    expect(j.conditions[4].text).toMatch(/^the Square − PGD gap grows from 1\.3 points at τ = 1 to 15\.7 at τ = 20 \(z 4\.17/);
    const flat: Measurement = { kind: 'sweep', seconds: 900, points: [at(1, figures({ nat: 80, pgd: 42, aa: 33, square: 34, scale: 9 })), at(20, figures({ nat: 70, pgd: 45, aa: 36, square: 37, scale: 0.6 }))] };
    expect(judgeClaim(claim('table-4'), flat, none).holds).toBe(false);
    expect(judgeClaim(claim('table-4'), runs(run(figures({ nat: 80, pgd: 42, aa: 40, square: 41 }))), none).missing).toMatch(/τ sweep/);
  });

  it('name the presets they compare with and the seeds they need', () => {
    expect(PRESETS.map((p) => [p.id, claimReferences(p.claim), claimSeeds(p.claim)])).toEqual([
      ['natural', [], 1], ['trades', ['natural'], 1], ['ltd-paper', ['trades'], 3], ['ltd-hot', ['trades'], 1], ['defensive-distillation', [], 1], ['table-4', [], 1],
    ]);
  });
});
