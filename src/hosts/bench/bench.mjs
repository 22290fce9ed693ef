// npm run bench: builds the app, serves it, and in real Chromium measures
//  1. the engine's training step per method vs Natural, and the engine's Natural step vs bare
//     tfjs kernels (bench.html, in a worker, on WebGPU when there is one);
//  2. tensor counts after each epoch of a full run per method (leaks);
//  3. main-thread long tasks (> 50 ms) while the app trains and while its detector runs, on the
//     default settings (fewer epochs): count, p95 and max (the UI must stay responsive).
// Prints a table and writes bench-results/bench.json. `-- --backend=webgl` measures another
// backend; `-- --main-thread` measures only 3, `-- --steps` only the steps of 1 and the engine's
// overhead ratio (minutes instead of the whole bench), `-- --backends [--torch]` only the backend
// table (cpu, wasm, webgpu and PyTorch side by side: backend-table.mjs).
import { spawn, execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chromium } from '@playwright/test';
import { backendTable } from './backend-table.mjs';

const port = Number(process.env.BENCH_PORT ?? 4174);
const backend = (process.argv.find((a) => a.startsWith('--backend=')) ?? '--backend=webgpu').split('=')[1];
const mainThreadOnly = process.argv.includes('--main-thread');
const stepsOnly = process.argv.includes('--steps');
const backendsOnly = process.argv.includes('--backends');
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
  if (backendsOnly) {
    const table = await backendTable(browser, port, process.argv);
    await browser.close();
    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/backends.json', JSON.stringify(table, null, 2));
    console.log('\nwritten: bench-results/backends.json');
    process.exit(0);
  }
  const report = mainThreadOnly ? null : await engineBench(browser);
  const main = stepsOnly ? null : await mainThread(browser);
  await browser.close();

  const all = { date: new Date().toISOString(), ...(report ?? { backend }), mainThread: main };
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/bench.json', JSON.stringify(all, null, 2));
  if (report) printEngine(report);
  if (main) printMainThread(main);
  console.log('\nwritten: bench-results/bench.json');
} finally {
  stopServer();
}

function printMainThread(main) {
  console.log(`\nmain thread (${main.query}; detector: ${main.detectorQuery}):`);
  console.log('  phase'.padEnd(12), 'wall s'.padStart(8), 'long tasks'.padStart(11), 'busy %'.padStart(8), 'p95 ms'.padStart(8), 'max ms'.padStart(8), 'charts'.padStart(7));
  for (const [name, m] of Object.entries({ training: main.training, detector: main.detector })) {
    console.log(`  ${name.padEnd(10)}`, fmt(m.wallMs / 1000, 0).padStart(8), String(m.count).padStart(11),
      fmt((100 * m.totalMs) / m.wallMs, 1).padStart(8), fmt(m.p95Ms, 0).padStart(8), fmt(m.maxMs, 0).padStart(8), String(m.chartsOnScreen ?? '').padStart(7), m.error ? ` ${m.error}` : '');
  }
  console.log('  (p95 and max over the long tasks, i.e. tasks over 50 ms; 0 when there were none; charts: drawn and on screen at the phase\'s end)');
}

/** bench.html: the engine's own measurements, in a worker. */
async function engineBench(browser) {
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
  await page.goto(`http://localhost:${port}/bench.html?backend=${backend}${fashion.length ? `&fashion=${fashion.join(',')}` : ''}${stepsOnly ? '&steps' : ''}`);
  const result = page.locator('#result');
  // SwiftShader on two loaded cores takes over 20 minutes; a GPU takes one or two.
  const minutes = Number(process.env.BENCH_TIMEOUT_MIN ?? 60);
  await result.locator('xpath=self::*[@data-done]').waitFor({ timeout: minutes * 60_000 });
  if ((await result.getAttribute('data-done')) !== 'true') throw new Error(await result.textContent());
  const report = JSON.parse(await result.textContent());
  await page.close();
  return report;
}

/** The 95th percentile of `values` (nearest rank), 0 for none. */
function p95(values) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1];
}

/** Long tasks recorded since the last call, summarised over `wallMs`. */
async function takeLongTasks(app, wallMs) {
  const tasks = await app.evaluate(() => window.__longTasks.splice(0));
  const frames = await app.evaluate(() => window.__frames.splice(0));
  return { wallMs, count: tasks.length, totalMs: tasks.reduce((a, b) => a + b, 0), p95Ms: p95(tasks), maxMs: Math.max(0, ...tasks), frames };
}

/**
 * The app's default settings (blobs, MLP, LTD, default sizes and attack budgets) with fewer
 * epochs, so SwiftShader finishes in minutes; then the detector on that student with its default
 * budgets but a smaller Square budget (Square queries dominate its time on a CPU).
 */
async function mainThread(browser) {
  console.log('bench: main-thread long tasks while the app trains, then while its detector runs…');
  // A tall window, so the run's charts and the detector's ε-sweep chart are on screen (drawn and
  // painted) while they update, as for a person watching them.
  const app = await browser.newPage({ viewport: { width: 1280, height: 4000 } });
  const pageErrors = [];
  app.on('console', (m) => m.type() === 'error' && console.error('page:', m.text()));
  app.on('pageerror', (e) => {
    pageErrors.push(e.message);
    console.error('page error:', e.message);
  });
  await app.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
    // What a long task was doing: Chromium's long animation frames name the scripts that ran in
    // one (how each was invoked: a timer, a worker's message, a ResizeObserver) and the layout
    // they forced.
    window.__frames = [];
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
      new PerformanceObserver((list) => {
        for (const f of list.getEntries()) {
          if (f.duration <= 50) continue;
          window.__frames.push({
            ms: Math.round(f.duration), renderMs: Math.round(f.renderStart ? f.startTime + f.duration - f.renderStart : 0), layoutMs: Math.round(f.styleAndLayoutStart ? f.startTime + f.duration - f.styleAndLayoutStart : 0),
            scripts: f.scripts.map((s) => ({ invoker: s.invoker, ms: Math.round(s.duration), forcedLayoutMs: Math.round(s.forcedStyleAndLayoutDuration), source: `${s.sourceFunctionName}@${s.sourceURL.split('/').pop()}:${s.sourceCharPosition}` })),
          });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    }
  });
  const query = 'epochs=2&teacherEpochs=1';
  const detectorQuery = 'detectorQueries=100';
  await app.goto(`http://localhost:${port}/?${query}&${detectorQuery}&backend=${backend}`);
  await app.getByRole('status', { name: 'Backend' }).filter({ hasNotText: 'starting' }).waitFor();
  await app.waitForTimeout(2000); // let the page settle (first render, data preview)
  // Find the buttons before measuring: Playwright's role query runs in the page and computes
  // accessible names over the whole document, itself a long task (~180 ms in a trace) on a slow CPU.
  const train = await app.getByRole('button', { name: 'Train' }).elementHandle();
  const runDetector = await app.getByRole('button', { name: 'Run detector' }).elementHandle();
  await app.evaluate(() => (window.__longTasks.splice(0), window.__frames.splice(0)));
  /** Wait for `locator`, or fail at once when the page throws (a blank page never shows it). */
  const until = (locator) =>
    new Promise((resolve, reject) => {
      locator.waitFor({ timeout: 30 * 60_000 }).then(resolve, reject);
      app.on('pageerror', (e) => reject(new Error(`the page threw: ${e.message}`)));
    });
  /** Charts drawn (a line chart with an SVG inside) and inside the window at the end of a phase. */
  const chartsOnScreen = () =>
    app.evaluate(() =>
      [...window.document.querySelectorAll('.line-chart')].filter((c) => {
        const box = c.getBoundingClientRect();
        return c.querySelector('svg') && box.bottom > 0 && box.top < window.innerHeight && box.width > 0;
      }).length,
    );
  const phase = async (name, start, done) => {
    const t0 = Date.now();
    await start();
    let error = null;
    await until(done).catch((e) => (error = e.message));
    const result = { ...(await takeLongTasks(app, Date.now() - t0)), chartsOnScreen: await chartsOnScreen(), ...(error ? { error } : {}) };
    console.log(`  ${name}: ${JSON.stringify(result)}`);
    return result;
  };
  // Waited for with plain CSS selectors: Playwright polls them inside the page, and a text or
  // role query over the whole page is itself a long task on a slow CPU.
  const training = await phase('training', () => train.click(), app.locator('.run-status', { hasText: /^Finished$/ }));
  const detector = await phase('detector', () => runDetector.click(), app.locator('[aria-label="Detector verdict"]'));
  const backendText = await app.getByRole('status', { name: 'Backend' }).textContent().catch(() => '(page blank)');
  return { backend: backendText, query, detectorQuery, training, detector, pageErrors };
}

/** Issue 21 §7: tensors and bytes after each epoch of a long run and each of 10 detector runs (src/hosts/bench/memory.ts). */
function printMemory(rows) {
  if (rows.length === 0) return;
  console.log('\nmemory over long work (tensors, bytes: first … last):');
  for (const row of rows) {
    const flat = row.tensorGrowth === 0 && row.byteGrowth === 0;
    console.log(`  after each ${row.after} (${row.tensors.length})`.padEnd(36), `${row.tensors[0]} … ${row.tensors.at(-1)} tensors, ${row.bytes[0]} … ${row.bytes.at(-1)} bytes`.padEnd(48), flat ? 'flat' : `GROWS (+${row.tensorGrowth} tensors, +${row.byteGrowth} bytes)`);
  }
}

function printEngine(report) {
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
  const overhead = report.steps.find((r) => r.name === 'engine natural step vs bare');
  if (overhead) {
    const rounds = overhead.rounds ? `, median of rounds ${overhead.rounds.map((r) => fmt(r)).join(', ')}` : '';
    console.log(`\nengine natural step / bare tfjs step: ${fmt(overhead.ratio)}${rounds} (limit ${report.overheadLimit}: ${overhead.ratio <= report.overheadLimit ? 'within' : 'OVER'})`);
  }
  console.log(`\nleak check (numTensors after each of ${report.leaks[0]?.tensorsPerEpoch.length ?? 0} student epochs):`);
  for (const row of report.leaks) {
    const t = row.tensorsPerEpoch;
    console.log(`  ${row.method.padEnd(24)} ${t[0]} … ${t.at(-1)}`.padEnd(44), t.every((n) => n === t[0]) ? 'stable' : `LEAK (${t.join(', ')})`);
  }
  printMemory(report.memory ?? []);
  console.log('\nscaling of an LTD epoch (least-squares line; R² near 1 = linear):');
  for (const row of report.scaling) {
    const points = row.points.map((p) => `${p.value}: ${fmt(p.ms, 1)}`).join(', ');
    console.log(`  ${row.variable.padEnd(20)} ms per ${row.unit.padEnd(5)} ${points}`);
    console.log(`  ${''.padEnd(20)} slope ${fmt(row.fit.slope, 3)} ms per unit, intercept ${fmt(row.fit.intercept, 1)} ms, R² ${fmt(row.fit.r2, 3)}`);
  }
}
