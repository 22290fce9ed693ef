/** /bench.html: runs the engine bench in a worker and prints the report as JSON. */
import * as Comlink from 'comlink';
import type { BackendTimings } from './backends';
import type { BenchApi } from './bench.worker';

type BackendFigure = keyof Omit<BackendTimings, 'backend'>;

const out = document.getElementById('result')!;
const logBox = document.getElementById('log')!;
const worker = Comlink.wrap<BenchApi>(new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' }));
const params = new URLSearchParams(location.search);
const preferred = (params.get('backend') ?? 'webgpu') as 'webgpu' | 'webgl' | 'wasm' | 'cpu';
const log = (line: string) => {
  console.log(line);
  logBox.textContent += `${line}\n`;
};
// The bench script serves Fashion-MNIST under /bench-data/ when the machine has it.
const fashion = new URLSearchParams(location.search).get('fashion');
const fashionUrls = fashion ? fashion.split(',').map((name) => `/bench-data/${name}`) : [];
// ?backends: only the backend table's figures (backends.ts), `backendSteps` training steps each,
// Square on `squarePoints` digits, `only` (a comma list) to take some of them.
const job = params.has('backends')
  ? worker.backends(preferred, {
    steps: Number(params.get('backendSteps') ?? 1),
    squarePoints: Number(params.get('squarePoints') ?? 16),
    ...(params.get('only') ? { only: params.get('only')!.split(',') as BackendFigure[] } : {}),
  }, Comlink.proxy(log))
  : worker.run(preferred, fashionUrls, Comlink.proxy(log), params.has('steps'));
job
  .then((report) => {
    out.textContent = JSON.stringify(report, null, 2);
    out.dataset.done = 'true';
  })
  .catch((error: unknown) => {
    out.textContent = `bench failed: ${error instanceof Error ? error.message : String(error)}`;
    out.dataset.done = 'error';
  });
