import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/** Debian's Chromium when present (Playwright cannot download browsers here), else Playwright's own. */
const systemChromium = '/usr/bin/chromium';
const executablePath = existsSync(systemChromium) ? systemChromium : undefined;

/** Flags that keep a headless Chromium quiet on a machine without network. */
const quiet = [
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** `E2E_PORT` (the build) and `E2E_DEV_PORT` (`npm run dev`) let two checkouts run their suites side by side. */
const port = Number(process.env.E2E_PORT ?? 4173);
const devPort = Number(process.env.E2E_DEV_PORT ?? 5183);

const webgpu = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=swiftshader'];

/** Options of e2e/fixtures.ts (its `urlBackend`), typed for the projects below. */
interface Options {
  urlBackend: string | null;
}

export default defineConfig<Options>({
  testDir: 'e2e',
  timeout: 240_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Specs titled '@slow' (several minutes each on SwiftShader: presentation mode end to end, teacher
  // calibration, each preset's run, Step) run with E2E_ALL=1 (`npm run e2e:all`): `npm test` must fit
  // CI's 20 minutes on 2 cores. Each is also covered by faster unit tests of its parts.
  grepInvert: process.env.E2E_ALL ? undefined : /@slow/,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'webgpu',
      testIgnore: /(fallback|dev)\.spec\.ts/,
      use: {
        // The specs test the engine on WebGPU: the page itself prefers wasm to SwiftShader.
        urlBackend: 'webgpu',
        browserName: 'chromium',
        launchOptions: { executablePath, args: [...quiet, ...webgpu] },
      },
    },
    {
      // The README's first command, as a new user runs it: development mode (React StrictMode runs
      // every effect twice, Vite serves unbundled modules), which the build never shows.
      name: 'dev',
      testMatch: /dev\.spec\.ts/,
      use: {
        baseURL: `http://localhost:${devPort}`,
        urlBackend: 'webgpu',
        browserName: 'chromium',
        launchOptions: { executablePath, args: [...quiet, ...webgpu] },
      },
    },
    {
      name: 'no-webgpu',
      testMatch: /fallback\.spec\.ts/,
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath, args: [...quiet, '--disable-features=WebGPU', '--enable-unsafe-swiftshader'] },
      },
    },
  ],
  webServer: [
    {
      // VITE_FAULTS=1: the build carries the fault-injection hook e2e/faults.spec.ts drives
      // (src/page/fault-hook.ts); `npm run build` leaves it out.
      command: `node scripts/pack-mnist.mjs && VITE_FAULTS=1 npx vite build --logLevel warn && npx vite preview --port ${port} --strictPort`,
      url: `http://localhost:${port}`,
      // Always serve a fresh build: a server left on the port may hold stale code.
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      // Exactly the README's `npm run dev` (its predev step packs MNIST), on its own port.
      command: `npm run dev -- --port ${devPort} --strictPort`,
      url: `http://localhost:${devPort}`,
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
