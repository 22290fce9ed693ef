/**
 * The temperature sweep in Node on tfjs's cpu backend, default settings (blobs, MLP, 8 + 8 epochs,
 * ε 0.05, PGD-10 on 500 test points), Square with 1000 queries, after finding τ_max:
 *
 *   npx tsx scripts/temperature-sweep.ts [τ,τ,…] [config overrides as a query, e.g. epsilon=0.1]
 */
import * as tf from '@tensorflow/tfjs';
import { configFromQuery } from '../src/engine/config';
import { RunControl } from '../src/engine/control';
import { attackName, describeSettings } from '../src/engine/eval/describe';
import { runTemperatureSweep } from '../src/engine/sweep';

await tf.setBackend('cpu');
const taus = (process.argv[2] ?? '1,2,5,10,20,50').split(',').map(Number);
const { config, issues } = configFromQuery(process.argv[3] ?? '');
if (issues.length > 0) throw new Error(issues.map((i) => i.message).join('; '));
const started = performance.now();
await runTemperatureSweep(config, { taus, square: true, squareQueries: 1000, findTauMax: true }, {
  control: new RunControl({ tau: config.tau, lambda: config.lambda }),
  emit: (e) => {
    const at = `${((performance.now() - started) / 1000).toFixed(0)} s`;
    if (e.type === 'sweep-substitute') console.log(`[${at}] substitute τ=${e.tau}: natural ${e.natAcc.toFixed(1)}% (${e.testPoints} test points)`);
    if (e.type === 'sweep-tau-max') console.log(`[${at}] τ_max = ${e.tauMax} (τ=1 ${e.baseline.toFixed(1)}%, threshold ${e.threshold.toFixed(1)}%); robust sweep: ${e.taus.join(', ')}`);
    if (e.type === 'sweep-point') {
      console.log(`[${at}] τ=${e.tau}: natural ${e.natAcc.toFixed(1)}%, ${attackName(e.pgd)} ${e.pgdAcc.toFixed(1)}% (${describeSettings(e.pgd)}), Square ${e.squareAcc?.toFixed(1)}% (${e.square && describeSettings(e.square)})`);
    }
    if (e.type === 'done' || e.type === 'error') console.log(`[${at}]`, JSON.stringify(e));
  },
});
