/** /bench.html: runs the engine bench in a worker and prints the report as JSON. */
import * as Comlink from 'comlink';
import type { BackendTimings } from './backends';
import type { BenchApi } from './bench.worker';
import { errorText } from '../../shared/error-text';
import { readParams } from '../../shared/url-params';

type BackendFigure = keyof Omit<BackendTimings, 'backend'>;

const out = document.getElementById('result')!;
const logBox = document.getElementById('log')!;
const worker = Comlink.wrap<BenchApi>(new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' }));
const params = readParams(location.search);
const preferred = params.backend ?? 'webgpu';
const log = (line: string) => {
  console.log(line);
  logBox.textContent += `${line}\n`;
};
// The bench script serves Fashion-MNIST under /bench-data/ when the machine has it.
const fashionUrls = params.fashion ? params.fashion.split(',').map((name) => `/bench-data/${name}`) : [];
// ?backends: only the backend table's figures (backends.ts), `backendSteps` training steps each,
// Square on `squarePoints` digits, `only` (a comma list) to take some of them.
const job = params.backends
  ? worker.backends(preferred, {
    steps: params.backendSteps,
    squarePoints: params.squarePoints,
    ...(params.only ? { only: params.only.split(',') as BackendFigure[] } : {}),
  }, Comlink.proxy(log))
  : worker.run(preferred, fashionUrls, Comlink.proxy(log), params.steps);
job
  .then((report) => {
    out.textContent = JSON.stringify(report, null, 2);
    out.dataset.done = 'true';
  })
  .catch((error: unknown) => {
    out.textContent = `bench failed: ${errorText(error)}`;
    out.dataset.done = 'error';
  });
