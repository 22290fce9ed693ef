// `npm run python`: the PyTorch export's own checks with Debian's Python — pyflakes over python/, then
// pytest (python/test_*.py against the engine's fixtures). Where Python, torch, pytest or pyflakes is
// missing it says which and how to install it, and skips; under CI (.ci/run installs them) it fails.
// Writes reports/python.json ({ passed, failed, skipped }) for scripts/test-summary.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const PYTHON = '/usr/bin/python3';
const REPORT = 'reports/python.json';
const JUNIT = 'reports/python-junit.xml';
mkdirSync('reports', { recursive: true });

/** Why the checks cannot run here, or null. */
function missing() {
  if (!existsSync(PYTHON)) return `${PYTHON} does not exist (apt-get install python3)`;
  for (const [module, pkg] of [['torch', 'python3-torch'], ['pytest', 'python3-pytest'], ['pyflakes', 'python3-pyflakes']]) {
    try {
      execFileSync(PYTHON, ['-c', `import ${module}`], { stdio: 'pipe', timeout: 120_000 });
    } catch {
      return `${PYTHON} cannot import ${module} (apt-get install ${pkg})`;
    }
  }
  return null;
}

const why = missing();
if (why) {
  if (process.env.CI) {
    console.error(`python: CI must run the PyTorch export's checks: ${why}`);
    process.exit(1);
  }
  console.warn(`\n*** SKIPPING the PyTorch export's Python checks (pyflakes, pytest): ${why} ***\n`);
  writeFileSync(REPORT, JSON.stringify({ passed: 0, failed: 0, skipped: 1, reason: why }));
  process.exit(0);
}

// No bytecode or cache folders left in python/ (they would show up as untracked files).
const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
const run = (args) => spawnSync(PYTHON, args, { stdio: 'inherit', env }).status;

if (run(['-m', 'pyflakes', 'python']) !== 0) {
  console.error('python: pyflakes found problems in python/ (above)');
  writeFileSync(REPORT, JSON.stringify({ passed: 0, failed: 1, skipped: 0, reason: 'pyflakes' }));
  process.exit(1);
}
rmSync(JUNIT, { force: true });
const status = run(['-m', 'pytest', 'python', '-q', '-p', 'no:cacheprovider', `--junitxml=${JUNIT}`]);
// pytest's JUnit report opens with one <testsuite> element carrying the counts.
const suite = existsSync(JUNIT) ? /<testsuite\b[^>]*>/.exec(readFileSync(JUNIT, 'utf8'))?.[0] ?? '' : '';
const count = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? 0);
// A pytest that stopped before its report (an import error, a crash) failed as a whole.
const failed = count('failures') + count('errors') || (status === 0 ? 0 : 1);
writeFileSync(REPORT, JSON.stringify({ passed: count('tests') - failed - count('skipped'), failed, skipped: count('skipped') }));
process.exit(status === 0 ? 0 : 1);
