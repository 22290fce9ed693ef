/** /bench.html: runs the engine bench in a worker and prints the report as JSON. */
import * as Comlink from 'comlink';
import type { BenchApi } from './bench.worker';
import { errorText } from '../../shared/error-text';

const out = document.getElementById('result')!;
const logBox = document.getElementById('log')!;
const worker = Comlink.wrap<BenchApi>(new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' }));
const preferred = (new URLSearchParams(location.search).get('backend') ?? 'webgpu') as 'webgpu' | 'webgl' | 'cpu';
const log = (line: string) => {
  console.log(line);
  logBox.textContent += `${line}\n`;
};
// The bench script serves Fashion-MNIST under /bench-data/ when the machine has it.
const fashion = new URLSearchParams(location.search).get('fashion');
const fashionUrls = fashion ? fashion.split(',').map((name) => `/bench-data/${name}`) : [];
worker
  .run(preferred, fashionUrls, Comlink.proxy(log), new URLSearchParams(location.search).has('steps'))
  .then((report) => {
    out.textContent = JSON.stringify(report, null, 2);
    out.dataset.done = 'true';
  })
  .catch((error: unknown) => {
    out.textContent = `bench failed: ${errorText(error)}`;
    out.dataset.done = 'error';
  });
