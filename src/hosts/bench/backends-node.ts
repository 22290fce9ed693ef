/**
 * The backend table in Node: the figures of backends.ts on tfjs's cpu and wasm backends, in
 * alternating rounds (cpu, wasm, cpu, wasm, …) so both see the same load on a shared machine, and
 * the median of each; with `--torch`, the same model and steps in Debian's PyTorch, one thread
 * (torch_step.py), in the same run. Prints one JSON object on stdout; `npm run bench -- --backends`
 * runs it beside the browser's webgpu and wasm and prints the table.
 *
 *   npx tsx src/hosts/bench/backends-node.ts [--rounds 3] [--steps 4] [--square-points 16] [--torch]
 *
 * No 2-thread column: tfjs turns wasm threads off in Node (tfjs #3830).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { prepareNodeBackend } from '../node/backend';
import { registerNodeMnist } from '../node/mnist';
import { selectBackend } from '../../engine/backend';
import { type BackendTimings, CNN, timeBackend } from './backends';

const { values: flags } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, steps: { type: 'string', default: '4' }, 'square-points': { type: 'string', default: '16' }, torch: { type: 'boolean', default: false } },
});
const rounds = Number(flags.rounds);
const options = { steps: Number(flags.steps), squarePoints: Number(flags['square-points']), log: (line: string) => console.error(`  ${line}`) };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The per-figure median over rounds. */
function medianOf(runs: BackendTimings[]): BackendTimings {
  const keys = Object.keys(runs[0]).filter((k) => k !== 'backend') as Array<keyof Omit<BackendTimings, 'backend'>>;
  return Object.fromEntries([['backend', runs[0].backend], ...keys.map((k) => [k, runs[0][k] === null ? null : median(runs.map((r) => r[k]!))])]) as unknown as BackendTimings;
}

await prepareNodeBackend('wasm');
registerNodeMnist();
const measured: Record<string, BackendTimings[]> = { cpu: [], wasm: [] };
for (let round = 1; round <= rounds; round++) {
  for (const backend of ['cpu', 'wasm'] as const) {
    console.error(`round ${round}/${rounds}, ${backend}`);
    await selectBackend(backend);
    measured[backend].push(await timeBackend(options));
  }
}
const torch = flags.torch
  ? JSON.parse(execFileSync('/usr/bin/python3', [new URL('./torch_step.py', import.meta.url).pathname, '--rounds', String(rounds), '--steps', String(options.steps),
    '--batch', String(CNN.batchSize), '--channels', String(CNN.convChannels), '--hidden', String(CNN.hiddenUnits), '--threads', '1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }))
  : null;
console.log(JSON.stringify({
  machine: `Node ${process.version}, tfjs ${tf.version.tfjs}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`,
  rounds, steps: options.steps, squarePoints: options.squarePoints,
  cpu: medianOf(measured.cpu), wasm: medianOf(measured.wasm), perRound: measured, torch,
}, null, 2));
