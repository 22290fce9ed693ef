// `npm run bench -- --backends [--torch] [--rounds=N] [--webgpu-square]`: the backend table. The Small CNN's natural
// step, LTD step (PGD-5), PGD-10 craft and Square (1000 queries), and the default MLP's step, on
//  - tfjs cpu and wasm in Node (src/hosts/bench/backends-node.ts: alternating rounds, medians),
//  - wasm and webgpu in Chromium (bench.html?backends in the bench worker; webgpu is whatever
//    adapter Chromium finds: SwiftShader here, a GPU where there is one),
//  - with --torch, PyTorch on one thread (torch_step.py, run by backends-node.ts),
// every figure also as a ratio to Node's wasm. Writes bench-results/backends.json.
import { execFileSync } from 'node:child_process';

const FIGURES = [
  ['naturalStepMs', 'CNN natural step, batch 128'],
  ['ltdStepMs', 'CNN LTD step (PGD-5), batch 128'],
  ['pgd10Ms', 'CNN PGD-10 craft, 128 digits'],
  ['squareMs', 'CNN Square, 1000 queries'],
  ['mlpStepMs', 'MLP natural step (blobs, batch 64)'],
];

/** One backend's figures in Chromium: bench.html?backends, in the bench worker. */
async function inBrowser(browser, port, backend, { steps, squarePoints, minutes, only }) {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'log' && console.log(`  [${backend} in Chromium] ${m.text()}`));
  await page.goto(`http://localhost:${port}/bench.html?backends&backend=${backend}&backendSteps=${steps}&squarePoints=${squarePoints}${only ? `&only=${only.join(',')}` : ''}`);
  const result = page.locator('#result');
  await result.locator('xpath=self::*[@data-done]').waitFor({ timeout: minutes * 60_000 });
  const text = await result.textContent();
  await page.close();
  if (!text.startsWith('{')) return { backend: `${backend}: ${text}` };
  return JSON.parse(text);
}

const fmtMs = (ms) => (ms === null || ms === undefined ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
const ratio = (ms, base) => (ms === null || ms === undefined || !base ? '' : ` (${(ms / base).toFixed(2)}×)`);

export async function backendTable(browser, port, argv) {
  const value = (name, fallback) => Number((argv.find((a) => a.startsWith(`--${name}=`)) ?? `=${fallback}`).split('=')[1]);
  const rounds = value('rounds', 3);
  const steps = value('steps', 4);
  const squarePoints = value('square-points', 16);
  const torch = argv.includes('--torch');
  console.log(`bench: backend table — Node cpu and wasm (${rounds} alternating rounds), then Chromium's wasm and webgpu${torch ? ', PyTorch' : ''}…`);
  const node = JSON.parse(execFileSync('npx', ['tsx', 'src/hosts/bench/backends-node.ts', '--rounds', String(rounds), '--steps', String(steps), '--square-points', String(squarePoints), ...(torch ? ['--torch'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 }));
  // A software GPU (SwiftShader) spends seconds per step: one timed step each there, and Square's
  // 1000 queries (682 s on SwiftShader here, 147× wasm) only with --webgpu-square.
  const browserWasm = await inBrowser(browser, port, 'wasm', { steps, squarePoints, minutes: 20 });
  const webgpuFigures = FIGURES.map(([key]) => key).filter((key) => key !== 'squareMs' || argv.includes('--webgpu-square'));
  const webgpu = await inBrowser(browser, port, 'webgpu', { steps: 1, squarePoints, minutes: Number(process.env.BENCH_TIMEOUT_MIN ?? 40), only: webgpuFigures });
  const columns = [
    ['tfjs cpu (Node)', node.cpu],
    ['tfjs wasm, 1 thread (Node)', node.wasm],
    ['tfjs wasm, 1 thread (Chromium)', browserWasm],
    [`tfjs webgpu (Chromium: ${String(webgpu.backend).replace(/^webgpu — adapter: /, '')})`, webgpu],
    ...(node.torch ? [[`PyTorch ${node.torch.torch}, ${node.torch.threads} thread (Node's machine)`, node.torch]] : []),
  ];
  const report = { date: new Date().toISOString(), machine: node.machine, rounds, steps, squarePoints, columns: Object.fromEntries(columns), node };
  console.log(`\nbackend table (${node.machine}; medians of ${rounds} rounds in Node; ratio to Node's wasm in brackets)\n`);
  console.log(`| figure | ${columns.map(([name]) => name).join(' | ')} |`);
  console.log(`|---|${columns.map(() => '---').join('|')}|`);
  for (const [key, label] of FIGURES) {
    const base = node.wasm[key];
    console.log(`| ${label}${key === 'squareMs' ? `, ${squarePoints} digits` : ''} | ${columns.map(([, c]) => `${fmtMs(c?.[key])}${ratio(c?.[key], base)}`).join(' | ')} |`);
  }
  console.log('\nwasm with 2 threads: not measured — tfjs turns wasm threads off in Node (tfjs #3830), and in Chromium its threaded build does not start from the bundle (src/hosts/worker/wasm-files.ts).');
  if (node.torch) {
    const [nat, pgd] = [node.wasm.naturalStepMs / node.torch.naturalStepMs, node.wasm.pgd10Ms / node.torch.pgd10Ms];
    console.log(`wasm / PyTorch on one core: natural step ${nat.toFixed(2)}×, PGD-10 ${pgd.toFixed(2)}×, LTD step ${(node.wasm.ltdStepMs / node.torch.ltdStepMs).toFixed(2)}× (target: within 2×)`);
  }
  return report;
}
