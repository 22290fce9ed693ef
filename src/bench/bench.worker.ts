/** The bench in a worker, like the engine in the app: same backend choice, same code. */
import '@tensorflow/tfjs-backend-webgpu';
import * as Comlink from 'comlink';
import { selectBackend, type BackendName } from '../engine/backend';
import { runBench } from './measure';

const api = {
  async run(preferred: BackendName, log: (line: string) => void) {
    const backend = await selectBackend(preferred);
    log(`backend: ${backend.name} (${backend.reason})`);
    const report = await runBench({}, log);
    return { ...report, backend: `${backend.name} — ${backend.reason}` };
  },
};
export type BenchApi = typeof api;
Comlink.expose(api);
