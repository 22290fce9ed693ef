import { describe, expect, it } from 'vitest';
import type { SweepFigures } from '../../shared/events';
import { judgeClaim, type Measurement } from '../../shared/preset-claims';
import { presetById } from '../../shared/presets';
import { PLAIN_EXTRAS } from '../../shared/testing/figures';
import { readFileSync } from 'node:fs';
import { README_END, README_START, replaceMarkedBlock, verifyBlock } from './presets-readme';
import { PROJECT_README } from './commands/preset-verify';

const PGD = { attack: 'PGD' as const, epsilon: 0.1, steps: 10, restarts: 1, subset: 200 };
const figures = (natAcc: number, aa: number): SweepFigures => ({
  ...PLAIN_EXTRAS, natAcc, robustAcc: aa + 5, aaLiteAcc: aa, squareAcc: aa + 2, worstCaseAcc: aa, subset: 200, cleanCorrect: natAcc * 2, robustAttack: PGD, square: null,
});
const seeds = (values: Array<[number, number]>): Measurement => ({
  kind: 'runs', runs: values.map(([n, a], i) => ({ seed: i + 1, figures: figures(n, a), verdict: 'clean' as const, fired: [], seconds: 300 })),
});

describe('the README’s presets block', () => {
  it('gives a repeated preset’s figures as mean ± s.d. with its seeds, and says when a claim could not be judged', () => {
    const ltd = presetById('ltd-paper')!;
    const trades = seeds([[78, 40], [80, 42], [79, 41]]);
    const mine = seeds([[80, 41], [79, 43], [81, 40]]);
    const block = verifyBlock({
      size: 'cpu', machine: 'Node v20, tfjs 4.22.0 wasm backend, 2 cores', overrides: '', date: '2025-01-02', command: 'npx ltd-playground presets --verify ltd-paper',
      verified: [
        { preset: ltd, measurement: mine, judgement: judgeClaim(ltd.claim, mine, () => trades) },
        { preset: presetById('trades')!, measurement: trades, judgement: judgeClaim(presetById('trades')!.claim, trades, () => undefined) },
      ],
    });
    const lines = block.split('\n');
    expect(lines[0]).toBe(README_START);
    expect(lines.at(-1)).toBe(README_END);
    expect(lines[1]).toBe('Written by `npx ltd-playground presets --verify ltd-paper` on 2025-01-02: the CPU size, Node v20, tfjs 4.22.0 wasm backend, 2 cores.');
    expect(block).toContain('| LTD, paper default (τ = 5, λ = 6) (seeds 1–3) | **holds** | 80.0 ± 1.0 | 46.3 ± 1.5 | 41.3 ± 1.5 | 43.3 ± 1.5 | 5.00 ± 0.00 | clean (none) | 15.0 min |');
    expect(block).toContain('| TRADES baseline (seeds 1–3) | not judged (needs the natural preset measured in the same run) |');
    expect(block).toContain('  - yes: AA-lite accuracy 41.3 ± 1.5 against trades\'s 41.0 ± 1.0 over 3 seeds');
  });

  it('replaces only what lies between the markers, and finds none to replace in a README without them', () => {
    const text = `intro\n${README_START}\nold\n${README_END}\noutro\n`;
    expect(replaceMarkedBlock(text, `${README_START}\nnew\n${README_END}`)).toBe(`intro\n${README_START}\nnew\n${README_END}\noutro\n`);
    expect(replaceMarkedBlock('no markers', 'x')).toBeNull();
    expect(replaceMarkedBlock(`${README_END}\n${README_START}`, 'x')).toBeNull();
  });

  it('has its markers in the project’s README, once each, so presets --verify can write there', () => {
    const readme = readFileSync(PROJECT_README, 'utf8');
    expect(readme.split(README_START)).toHaveLength(2);
    expect(readme.split(README_END)).toHaveLength(2);
    expect(readme.indexOf(README_START)).toBeLessThan(readme.indexOf(README_END));
  });
});
