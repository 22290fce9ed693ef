import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // bench.html runs `npm run bench`'s measurements on whatever GPU opens it.
    rolldownOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
  // Cross-origin isolation (COOP + COEP) gives the engine's worker SharedArrayBuffer, which tfjs's
  // wasm backend needs for threads; without these headers it runs single-threaded. Everything the
  // page loads is same-origin (workers, the .wasm files, the MNIST pack); a data URL the person
  // types is fetched with CORS, which COEP's require-corp does not block. README: "Hosting the build".
  server: { port: 5173, strictPort: false, headers: ISOLATION },
  // `npm run dev` pre-bundles what the workers import too (tfjs, its WebGPU backend, the
  // decompressors), found at start-up instead of on first use, when Vite would re-bundle and may
  // reload the page under a running engine.
  optimizeDeps: { entries: ['index.html', 'bench.html', 'src/hosts/worker/engine.worker.ts', 'src/hosts/bench/bench.worker.ts'] },
  preview: { port: 4173, strictPort: true, headers: ISOLATION },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    setupFiles: ['src/engine/test-setup.ts'],
  },
});
