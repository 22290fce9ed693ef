// Prints one closing line for `npm test` from the unit (vitest) and e2e (Playwright) JSON
// reports, and the Python checks' (scripts/python-test.mjs): "tests: N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
let passed = 0;
let failed = 0;
let skipped = 0;

const unit = read('reports/unit.json');
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + unit.numTodoTests;
}
const e2e = read('reports/e2e.json');
if (e2e) {
  passed += e2e.stats.expected;
  failed += e2e.stats.unexpected + e2e.stats.flaky;
  skipped += e2e.stats.skipped;
}
const python = read('reports/python.json');
if (python) {
  passed += python.passed;
  failed += python.failed;
  skipped += python.skipped;
  if (python.reason) console.log(`python: ${python.failed ? 'failed' : 'skipped'} (${python.reason})`);
}
if (!unit || !e2e) {
  console.error(`test summary: missing ${[!unit && 'reports/unit.json', !e2e && 'reports/e2e.json'].filter(Boolean).join(' and ')}`);
  process.exit(1);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
