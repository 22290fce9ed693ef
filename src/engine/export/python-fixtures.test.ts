/**
 * The engine's side of python/test_ltd_torch.py: TS and Python share data, never source. Each
 * fixture in python/fixtures/ is what the engine computes now (its constants and catalogue, its random
 * streams, each objective's loss on a hand-made batch, the results file's schema); pytest holds
 * python/ltd_torch.py to it. This test recomputes every fixture and fails when the committed file
 * differs, so the two sides cannot drift apart unnoticed (as tfjs's `gen_json.ts --test` does for its
 * op list). After a deliberate change to the engine, rewrite them and run pytest:
 *
 *   LTD_WRITE_FIXTURES=1 npx vitest run src/engine/export/python-fixtures.test.ts
 *   /usr/bin/python3 -m pytest python -q
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { TorchResultsSchema } from '../../shared/torch-results';
import { EXPORT_PRESETS, exportPresetConfig } from '../../shared/export-presets';
import { l2Fixture } from './test-fixture-l2';
import { lossesFixture } from './test-fixture-losses';
import { randomFixture } from './test-fixture-random';
import { settingsFixture } from './test-fixture-settings';

const FIXTURES_DIR = resolve(__dirname, '../../../python/fixtures');
const WRITE = process.env.LTD_WRITE_FIXTURES === '1';

const plain = (v: unknown) => v === null || typeof v !== 'object';

/** JSON indented, with arrays and objects of plain values on one line: readable diffs, files of modest length. */
function fixtureJson(value: unknown, indent = ''): string {
  if (Array.isArray(value) ? value.every(plain) : plain(value) || Object.values(value as object).every(plain)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + fixtureJson(v, inner)).join(',\n')}\n${indent}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${fixtureJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

const FIXTURES: Record<string, () => unknown> = {
  'engine-settings.json': settingsFixture,
  'engine-random.json': randomFixture,
  'engine-losses.json': lossesFixture,
  'engine-l2.json': l2Fixture,
  // The shape of the script's results file, as src/shared/torch-results.ts declares it.
  'torch-results.schema.json': () => z.toJSONSchema(TorchResultsSchema, { unrepresentable: 'any' }),
  // Each export preset's settings exactly as `export-torch --preset <id>` writes them into CONFIG.
  ...Object.fromEntries(EXPORT_PRESETS.map((p) => [`${p.id}.json`, () => ({ ...exportPresetConfig(p), scale: p.scale })])),
};

describe('python/fixtures hold what the engine computes now', () => {
  it('writes each fixture as plain JSON that round-trips', () => {
    const value = { a: [1, 0.1, null, 'x'], b: { c: [[1, 2], [3]], d: {} }, e: [] };
    expect(JSON.parse(fixtureJson(value))).toEqual(value);
    expect(fixtureJson({ a: [1, 2], b: { c: 1 } })).toBe('{\n  "a": [1,2],\n  "b": {"c":1}\n}');
  });

  it.each(Object.keys(FIXTURES))('%s', async (name) => {
    const path = resolve(FIXTURES_DIR, name);
    const text = `${fixtureJson(await FIXTURES[name]())}\n`;
    if (WRITE) writeFileSync(path, text);
    const stale = `python/fixtures/${name} differs from what the engine computes now: if the engine changed on purpose, ` +
      'rewrite it (LTD_WRITE_FIXTURES=1 npx vitest run src/engine/export/python-fixtures.test.ts) and run pytest';
    expect(existsSync(path), stale).toBe(true);
    expect(readFileSync(path, 'utf8') === text, stale).toBe(true);
  });
});
