/**
 * The command line end to end, as a person runs it: the real `bin` in a child process, on blobs
 * with a tiny recipe — train with --out, a sweep of two τ, the detector and evaluate on the exported
 * model, and a bad flag's message and exit code.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunRecord } from '../../shared/run-record';

const BIN = join(import.meta.dirname, '../../../bin/ltd-playground.mjs');
/** The e2e suite's LEARNS recipe (e2e/helpers.ts): a student well above chance in seconds. */
const TINY = '--train-size 256 --test-size 64 --eval-subset 32 --batch-size 16 --train-pgd-steps 3 --eval-pgd-steps 3 --hidden-units 32 --learning-rate 0.1 --teacher-epochs 3 --epochs 1'.split(' ');
const out = mkdtempSync(join(tmpdir(), 'ltd-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 240_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('ltd-playground', { timeout: 240_000 }, () => {
  it('trains, prints the epochs as a table, and writes the page\'s metrics files and models', async () => {
    const { code, stdout, stderr } = await cli(['train', ...TINY, '--out', out]);
    expect(stderr).toMatch(/^backend: wasm — SIMD, 1 thread/m);
    expect(stderr).not.toMatch(/install our node backend/);
    expect(stderr).toMatch(/student epoch 1\/1: natural/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^LTD τ=5 λ=6 ε=0\.05 — completed/);
    expect(stdout).toMatch(/\| student \| 1 +\| \d+\.\d +\| \d+\.\d/);
    expect(stdout).toContain('robust: PGD-3, 1 restart, ε = 0.05, 32 test points');
    // The completed run's final AA-lite (quick) point, as the accuracy chart's diamond, in the table's footer and the JSON.
    expect(stdout).toMatch(/final AA-lite \(quick\) at epoch 1: robust \d+(\.\d)?\s?% — AA-lite \(quick\).*32 test points/);
    // The page's metrics JSON: one run, its record as the run store keeps it.
    const { runs } = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as { runs: RunRecord[] };
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ outcome: 'completed', config: { trainSize: 256, tau: 5 }, robustAttack: { attack: 'PGD', steps: 3 } });
    expect(runs[0].teacher).toHaveLength(3);
    expect(runs[0].student[0].natAcc).toBeGreaterThan(60); // learned: chance is 33 %
    expect(runs[0].finalAaLite).toMatchObject({ epoch: 1, attack: { attack: 'AA-lite', budget: 'quick', subset: 32, epsilon: 0.05 } });
    expect(readFileSync(join(out, 'metrics.csv'), 'utf8').split('\n')[0]).toMatch(/^run,label,dataset/);
    // What --model-dir reads: a folder with model.json and the weights its manifest names.
    expect(JSON.parse(readFileSync(join(out, 'student', 'model.json'), 'utf8')).weightsManifest[0].paths).toEqual(['./student.weights.bin']);
    expect(readFileSync(join(out, 'student', 'student.weights.bin')).length).toBeGreaterThan(0);
  });

  it('runs the detector and evaluate on the exported model', async () => {
    const detect = await cli(['detect', '--model-dir', join(out, 'student'), '--subset', '32', '--aa-budget', 'quick', '--aa-queries', '20']);
    expect(detect.code).toBe(0);
    expect(detect.stderr).toMatch(/imported .*student/);
    expect(detect.stdout).toMatch(/^(PGD-\d+ overstates .* )?Accuracy chart's attack PGD-\d+: \d+\.\d% robust · AA-lite: \d+\.\d% on the same 32 points/);
    expect(detect.stdout).toMatch(/\nverdict: (clean|suspected|masked) — /);
    expect(detect.stdout).toMatch(/\| 6 +\| warning sign +\| Input gradients do not vanish +\| (pass|FAIL) +\|/);
    expect(detect.stdout).toMatch(/\| 7 +\| attack failure +\| PGD-\d+ \(the accuracy chart's attack\) is not far above AA-lite +\| (pass|FAIL( \(strong\))?) +\|/);
    expect(detect.stdout).toMatch(/\| Square +\| \d+\.\d +\| Square, 20 queries, ε = 0\.05, 32 test points/);

    const evaluate = await cli(['evaluate', '--model-dir', join(out, 'student'), '--attack', 'square', '--eval-subset', '32', '--queries', '50']);
    expect(evaluate.code).toBe(0);
    expect(evaluate.stdout).toMatch(/\| square +\| \d+\.\d +\| \d+\.\d +\| Square, 50 queries, ε = 0\.05, 32 test points \|/);
  });

  it('sweeps two τ on one teacher and prints one row per τ with the attacks named', async () => {
    const { code, stdout } = await cli(['sweep', 'tau', '--values', '1,8', ...TINY, '--aa-queries', '20', '--out', out]);
    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((l) => /^\| (1|8) +\|/.test(l));
    expect(rows).toHaveLength(2);
    expect(stdout).toContain('- Square, 20 queries, ε = 0.05, 32 test points');
    expect(readFileSync(join(out, 'tau-sweep.csv'), 'utf8').split('\n')).toHaveLength(4);
  });

  it('repeats a λ sweep over three seeds and prints mean ± s.d. with n per row, every repeat in the files', async () => {
    const dir = join(out, 'repeats');
    const { code, stdout } = await cli(['sweep', 'lambda', '--values', '6', '--repeats', '3', ...TINY, '--aa-queries', '20', '--out', dir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/seeds 1–3 \(mean ± s\.d\. over n\)/);
    expect(stdout).toMatch(/\| natural % +\| white-box % +\| Square % +\| worst case % +\| n \|/);
    const rows = stdout.split('\n').filter((l) => /^\| (6|TRADES)/.test(l));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/^\| (6|TRADES \(λ = 6\)) +\| \d+\.\d ± \d+\.\d +\| \d+\.\d ± \d+\.\d +\| \d+\.\d ± \d+\.\d +\| \d+\.\d ± \d+\.\d +\| 3 \|$/);
    const { points } = JSON.parse(readFileSync(join(dir, 'lambda-sweep.json'), 'utf8')) as { points: Array<{ name: string; seed: number }> };
    expect(points.map((p) => [p.name, p.seed])).toEqual([['6', 1], ['TRADES (λ = 6)', 1], ['6', 2], ['TRADES (λ = 6)', 2], ['6', 3], ['TRADES (λ = 6)', 3]]);
    expect(readFileSync(join(dir, 'lambda-sweep.csv'), 'utf8').split('\n')[0]).toMatch(/,seed$/);

    const bad = await cli(['sweep', 'lambda', '--repeats', '4']);
    expect(bad).toEqual({ code: 2, stdout: '', stderr: 'ltd-playground: --repeats 4: must be one of 1, 3, 5\n' });
  });

  it('exports the paper preset as one script carrying its settings and its paper-scale block', async () => {
    const path = join(out, 'paper', 'paper-cifar10.py');
    const { code, stdout } = await cli(['export-torch', '--preset', 'paper-cifar10', '--out', path]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^wrote .*paper-cifar10\.py \(Paper scale: CIFAR-10, WRN-34-10 \(export only\): WideResNet-34-10; python3 .* --help lists its flags\)/);
    const embedded = /^CONFIG = json\.loads\(r"""([\s\S]*?)"""\)$/m.exec(readFileSync(path, 'utf8'));
    expect(JSON.parse(embedded![1])).toMatchObject({
      dataset: 'cifar10', method: 'ltd', tau: 5, lambda: 6, epochs: 200, scale: { preset: 'paper-cifar10', architecture: { depth: 34, widen: 10 }, lrDropEpochs: [100, 150] },
    });
  });

  it('points --model-dir at the models when given train --out\'s own folder', async () => {
    const { code, stderr } = await cli(['evaluate', '--model-dir', out, '--attack', 'pgd']);
    expect(code).toBe(1);
    expect(stderr).toContain(`no model.json there (a tfjs model: model.json and its weights): this is a train --out folder, its models are in ${join(out, 'student')}`);
  });

  it('trains on tfjs\'s cpu backend when asked, without its "install our node backend" banner', async () => {
    const { code, stderr } = await cli(['train', ...TINY, '--teacher-epochs', '1', '--backend', 'cpu']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^backend: cpu — webgpu, webgl and wasm skipped on request$/m);
    expect(stderr).not.toMatch(/install our node backend|tfjs-node/);
  });

  it('refuses a bad flag with one line naming it and its range, exit code 2', async () => {
    const bad = await cli(['train', '--tau', '80']);
    expect(bad).toEqual({ code: 2, stdout: '', stderr: 'ltd-playground: --tau 80: Teacher temperature (tau) must be at most 50\n' });
    const unknown = await cli(['sweep', 'epsilon']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('ltd-playground: sweep epsilon: must be one of tau, lambda\n');
  });
});
