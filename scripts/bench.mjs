// npm run bench: builds the app, serves it, and in real Chromium measures
//  1. the engine's training step per method vs Natural, and the engine's Natural step vs bare
//     tfjs kernels (bench.html, in a worker, on WebGPU when there is one);
//  2. tensor counts after each epoch of a full run per method (leaks);
//  3. main-thread long tasks (> 50 ms) while the app trains (the UI must stay responsive).
// Prints a table and writes bench-results/bench.json. `-- --backend=webgl` measures another backend.
import { spawn, execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chromium } from '@playwright/test';

const port = Number(process.env.BENCH_PORT ?? 4174);
const backend = (process.argv.find((a) => a.startsWith('--backend=')) ?? '--backend=webgpu').split('=')[1];
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const args = ['--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'];

execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
const stopServer = () => {
  try {
    process.kill(-server.pid);
  } catch {
    /* already gone */
  }
};
process.on('exit', stopServer);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

const fmt = (x, digits = 2) => (x === undefined || Number.isNaN(x) ? '' : x.toFixed(digits));

try {
  await waitForServer();
  const browser = await chromium.launch({ executablePath, args });
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && console.error('page:', m.text()));

  // Fashion-MNIST decoding is timed on the real files when this machine has them (Debian's
  // dataset-fashion-mnist); the page fetches them from a route that serves them from disk.
  const fashionDir = '/usr/share/datasets/fashion-mnist';
  const fashion = existsSync(fashionDir) ? readdirSync(fashionDir).filter((f) => f.endsWith('-ubyte.gz')) : [];
  await page.route('**/bench-data/*', (route) =>
    route.fulfill({ body: readFileSync(join(fashionDir, basename(new URL(route.request().url()).pathname))) }),
  );
  console.log(`bench: engine measurements on ${backend} (bench.html)…`);
  page.on('console', (m) => m.type() === 'log' && console.log(`  ${m.text()}`));
  await page.goto(`http://localhost:${port}/bench.html?backend=${backend}${fashion.length ? `&fashion=${fashion.join(',')}` : ''}`);
  const result = page.locator('#result');
  await result.locator('xpath=self::*[@data-done]').waitFor({ timeout: 20 * 60_000 });
  if ((await result.getAttribute('data-done')) !== 'true') throw new Error(await result.textContent());
  const report = JSON.parse(await result.textContent());

  console.log('bench: main-thread long tasks while the app trains…');
  const app = await browser.newPage();
  await app.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
  });
  const query = 'trainSize=256&testSize=128&evalSubset=128&epochs=3&teacherEpochs=1&trainPgdSteps=5&evalPgdSteps=5';
  await app.goto(`http://localhost:${port}/?${query}&backend=${backend}`);
  await app.getByRole('status', { name: 'Backend' }).filter({ hasNotText: 'starting' }).waitFor();
  await app.evaluate(() => (window.__longTasks.length = 0));
  const t0 = Date.now();
  await app.getByRole('button', { name: 'Train' }).click();
  await app.getByText('Finished', { exact: true }).waitFor({ timeout: 20 * 60_000 });
  const wallMs = Date.now() - t0;
  const longTasks = await app.evaluate(() => window.__longTasks);
  await browser.close();

  const main = {
    query,
    wallMs,
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((a, b) => a + b, 0),
    maxLongTaskMs: Math.max(0, ...longTasks),
  };
  const all = { date: new Date().toISOString(), ...report, mainThread: main };
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/bench.json', JSON.stringify(all, null, 2));

  console.log(`\nbackend: ${report.backend}`);
  console.log(`config: ${JSON.stringify(report.config)}\n`);
  console.log('measurement'.padEnd(34), 'ms'.padStart(10), ' per', 'ratio'.padStart(8), ' relative to');
  for (const row of report.steps) {
    console.log(row.name.padEnd(34), fmt(row.ms).padStart(10), ` ${row.unit.padEnd(7)}`, fmt(row.ratio).padStart(6), ` ${row.relativeTo ?? ''}`);
  }
  console.log('\nattacks, detector, image models, decoding:');
  for (const row of report.science) {
    const rate = row.rate === undefined ? '' : `  (${fmt(row.rate, 0)}/s)`;
    console.log(`  ${row.name.padEnd(44)} ${fmt(row.ms).padStart(10)} ms per ${row.unit}${rate}`);
  }
  console.log('\nleak check (numTensors after student epochs 1, 2, 3):');
  for (const row of report.leaks) {
    const t = row.tensorsPerEpoch;
    console.log(`  ${row.method.padEnd(24)} ${t.join(', ').padEnd(18)} ${t.every((n) => n === t[0]) ? 'stable' : 'LEAK'}`);
  }
  console.log(
    `\nmain thread while training (${query}): ${main.longTasks} long tasks, ${fmt(main.longTaskMs, 0)} ms of ${fmt(wallMs, 0)} ms ` +
      `(${fmt((100 * main.longTaskMs) / wallMs, 1)}%), longest ${fmt(main.maxLongTaskMs, 0)} ms`,
  );
  console.log('\nwritten: bench-results/bench.json');
} finally {
  stopServer();
}
