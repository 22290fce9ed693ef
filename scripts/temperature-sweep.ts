/**
 * The two-step τ search in Node on tfjs's cpu backend, default settings (blobs, MLP, 8 + 8 epochs,
 * ε 0.05, PGD-10), Square with 1000 queries: τ_max from substitutes, then τ < τ_max chosen on the
 * validation split, and the chosen τ's test figures:
 *
 *   npx tsx scripts/temperature-sweep.ts [τ,τ,…] [config overrides as a query, e.g. epsilon=0.1]
 */
import * as tf from '@tensorflow/tfjs';
import { configFromQuery } from '../src/shared/config';
import { RunControl } from '../src/engine/control';
import { attackName, describeSettings } from '../src/shared/describe';
import { runTemperatureSweep } from '../src/engine/run/temperature-sweep';

await tf.setBackend('cpu');
const taus = (process.argv[2] ?? '1,2,5,10,20,50').split(',').map(Number);
const { config, issues } = configFromQuery(process.argv[3] ?? '');
if (issues.length > 0) throw new Error(issues.map((i) => i.message).join('; '));
const started = performance.now();
await runTemperatureSweep(config, { taus, square: true, squareQueries: 1000, findTauMax: true }, {
  control: new RunControl({ tau: config.tau, lambda: config.lambda }),
  emit: (e) => {
    const at = `${((performance.now() - started) / 1000).toFixed(0)} s`;
    if (e.type === 'sweep-substitute') console.log(`[${at}] substitute τ=${e.tau}: natural ${e.natAcc.toFixed(1)}% (${e.points} ${e.split} points)`);
    if (e.type === 'sweep-tau-max') console.log(`[${at}] τ_max = ${e.tauMax} (τ=1 ${e.baseline.toFixed(1)}%, threshold ${e.threshold.toFixed(1)}%); robust sweep: ${e.taus.join(', ')}`);
    if (e.type === 'sweep-point') {
      console.log(`[${at}] τ=${e.tau} (${e.stage}, ${e.split}): natural ${e.natAcc.toFixed(1)}%, ${attackName(e.pgd)} ${e.pgdAcc.toFixed(1)}% (${describeSettings(e.pgd)}), Square ${e.squareAcc?.toFixed(1)}% (${e.square && describeSettings(e.square)}), worst case ${e.robustAcc.toFixed(1)}%`);
    }
    if (e.type === 'sweep-chosen') {
      const t = e.test;
      console.log(`[${at}] chosen τ=${e.tau} (validation robust ${e.validation.robustAcc.toFixed(1)}% on ${e.validationPoints} held-out points); test: natural ${t.natAcc.toFixed(1)}%, ${attackName(t.pgd)} ${t.pgdAcc.toFixed(1)}%, Square ${t.squareAcc?.toFixed(1)}%, worst case ${t.robustAcc.toFixed(1)}% on ${t.subset} points`);
    }
    if (e.type === 'done' || e.type === 'error') console.log(`[${at}]`, JSON.stringify(e));
  },
});
