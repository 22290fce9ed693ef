/** The bench in a worker, like the engine in the app: same backend choice, same code. */
import '@tensorflow/tfjs-backend-webgpu';
import '../worker/wasm-files';
import * as Comlink from 'comlink';
import { selectBackend, type BackendName } from '../../engine/backend';
import { registerEmbeddedSources } from '../worker/embedded-sources';
import { type BackendBenchOptions, timeBackend } from './backends';
import { runBench } from './measure';

registerEmbeddedSources();

const api = {
  /** `fashionUrls`: where the four Fashion-MNIST files are served, to time their decoding. */
  async run(preferred: BackendName, fashionUrls: string[], log: (line: string) => void, stepsOnly = false) {
    const backend = await selectBackend(preferred);
    log(`backend: ${backend.name} (${backend.reason})`);
    const fashionFiles = fashionUrls.length
      ? await Promise.all(
          fashionUrls.map(async (url) => ({ name: url.split('/').pop()!, bytes: new Uint8Array(await (await fetch(url)).arrayBuffer()) })),
        )
      : undefined;
    const report = await runBench({ fashionFiles, log, stepsOnly });
    return { ...report, backend: `${backend.name} — ${backend.reason}` };
  },
  /** The backend table's figures (backends.ts) on `preferred`, taken by name even where it is a software GPU. */
  async backends(preferred: BackendName, options: Omit<BackendBenchOptions, 'log'>, log: (line: string) => void) {
    const backend = await selectBackend(preferred);
    log(`backend: ${backend.name} (${backend.reason})`);
    return { ...(await timeBackend({ ...options, log })), backend: `${backend.name} — ${backend.reason}` };
  },
};
export type BenchApi = typeof api;
Comlink.expose(api);
