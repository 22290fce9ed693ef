/**
 * `presets --verify`: which presets it runs with how many seeds, and one tiny real run through the
 * command line's own entry (trained on the embedded Fashion-MNIST, measured, judged, written into a
 * README's marked block) — tiny, so its claims are not expected to hold; the sizes as shipped are
 * for a 10-minute CPU run each.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../main';
import { README_END, README_START } from '../presets-readme';
import { verifyPlan } from './preset-verify';

const dir = mkdtempSync(join(tmpdir(), 'ltd-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Fashion-MNIST run small enough for a unit test on a shared CPU: 64 images, one epoch, a 2-channel CNN, 16 points attacked. */
const TINY = [
  '--train-size', '64', '--test-size', '32', '--eval-subset', '16', '--batch-size', '32', '--epochs', '1', '--teacher-epochs', '1',
  '--conv-channels', '2', '--hidden-units', '8', '--train-pgd-steps', '1', '--eval-pgd-steps', '2',
  '--config', 'detectorSubset=16&detectorQueries=20&detectorMultiples=1&detectorSteps=2&detectorRestarts=1',
];

function capture() {
  const text = { stdout: '', stderr: '' };
  const stream = (key: 'stdout' | 'stderr') => ({ write: (chunk: string) => ((text[key] += chunk), true) });
  return { text, io: { stdout: stream('stdout'), stderr: stream('stderr') } };
}

describe('presets --verify', () => {
  it('runs every reference a claim compares with first, with the seeds the claim needs', () => {
    expect(verifyPlan(['ltd-paper'])).toEqual([{ id: 'trades', seeds: 3 }, { id: 'ltd-paper', seeds: 3 }]);
    expect(verifyPlan(['ltd-hot', 'trades'])).toEqual([{ id: 'natural', seeds: 1 }, { id: 'trades', seeds: 1 }, { id: 'ltd-hot', seeds: 1 }]);
    expect(verifyPlan(['table-4', 'defensive-distillation'])).toEqual([{ id: 'defensive-distillation', seeds: 1 }, { id: 'table-4', seeds: 1 }]);
  });

  it('measures, judges and writes the README block from a tiny real run, and exits 1 when a claim does not hold', { timeout: 600_000 }, async () => {
    const readme = join(dir, 'README.md');
    writeFileSync(readme, `# Title\n\n${README_START}\nold table\n${README_END}\n\nAfter.\n`);
    const { text, io } = capture();
    const code = await run(['presets', '--verify', 'ltd-hot,table-4', '--values', '1,20', '--readme', readme, ...TINY], io);
    const written = readFileSync(readme, 'utf8');
    expect(written.startsWith(`# Title\n\n${README_START}\nWritten by \`npx ltd-playground presets --verify ltd-hot,table-4`)).toBe(true);
    expect(written.endsWith(`${README_END}\n\nAfter.\n`)).toBe(true);
    expect(written).not.toContain('old table');
    expect(written).toContain('**Not the presets as shipped**');
    expect(written).toMatch(/\| LTD too hot \(τ = 20\): flat logits, PGD overstates \| \*\*(holds|does not hold)\*\* \| \d+\.\d \| \d+\.\d \| \d+\.\d \| \d+\.\d \| \d+\.\d\d \| (clean|suspected|masked|no verdict) \(/);
    expect(written).toMatch(/\n\| 1 \| \d+\.\d \| \d+\.\d \| \d+\.\d \| \d+\.\d \| \d+\.\d\d \| /);
    expect(written).toMatch(/\n\| 20 \| /);
    expect(written).toMatch(/- (yes|NO): logit scale \d+\.\d\d ≤ 0\.5 × trades's \d+\.\d\d/);
    expect(text.stdout).toContain(README_START);
    expect(text.stderr).toMatch(/trades: seed 1 \(1 of 1\)/);
    expect(text.stderr).toMatch(/table-4: τ sweep over 1, 20/);
    const holdsAll = !/\*\*does not hold\*\*/.test(written);
    expect(code).toBe(holdsAll ? 0 : 1);
    if (!holdsAll) expect(text.stderr).toMatch(/presets --verify: \d of 2 claims do not hold/);
  });

  it('refuses --readme without --verify, and a size that is not cpu or gpu', async () => {
    const { text, io } = capture();
    expect(await run(['presets', '--readme', 'x.md'], io)).toBe(2);
    expect(await run(['presets', '--verify', '--size', 'tpu'], io)).toBe(2);
    expect(text.stderr).toContain("--readme: only presets --verify writes the README's table");
    expect(text.stderr).toContain('--size tpu: must be one of cpu, gpu');
  });
});
