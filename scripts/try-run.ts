/**
 * One experiment in Node on tfjs's cpu backend, from the same config the page uses (its URL query):
 *   npx tsx scripts/try-run.ts 'method=trades&epochs=3'
 * Prints every engine event except progress, with the live tensor count after it.
 */
import * as tf from '@tensorflow/tfjs';
import { configFromQuery } from '../src/shared/config';
import { RunControl } from '../src/engine/control';
import { runExperiment } from '../src/engine/run/experiment';
import { registerNodeMnist } from './lib/node-mnist';

await tf.setBackend('cpu');
registerNodeMnist();
const { config, issues } = configFromQuery(process.argv[2] ?? '');
if (issues.length > 0) {
  console.error(issues.map((i) => i.message).join('\n'));
  process.exit(2);
}
const control = new RunControl({ tau: config.tau, lambda: config.lambda });
await runExperiment(config, {
  control,
  emit: (event) => {
    if (event.type === 'progress') return;
    const printable = event.type === 'epoch' ? { ...event, grid: undefined } : event;
    console.log(JSON.stringify(printable), `tensors=${tf.memory().numTensors}`);
  },
});
