/**
 * The tree is the layer diagram (DESIGN.md §3): shared ← engine ← hosts ← page. Lint holds each
 * arrow file by file (eslint.config.js); this test reads every import in src/ and checks what
 * lint cannot see: that no files import each other in a circle, and that no layer reaches up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(new URL(import.meta.url).pathname));
const SOURCE = /\.(ts|tsx|mts|mjs)$/;
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"?]+)[^'"]*['"]|import\(\s*['"](\.{1,2}\/[^'"?]+)[^'"]*['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : SOURCE.test(e.name) && !e.name.endsWith('.d.mts') ? [join(dir, e.name)] : [],
  );
}

const files = sourceFiles(SRC);
const known = new Set(files);

/** The file an import specifier names, as the bundler resolves it; null for one outside src/. */
function resolveImport(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) if (known.has(candidate)) return candidate;
  return null;
}

const graph = new Map(files.map((f) => [f, [...readFileSync(f, 'utf8').matchAll(SPECIFIER)].flatMap((m) => resolveImport(f, m[1] ?? m[2]) ?? [])]));
const name = (f: string) => relative(SRC, f);

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
function circles(): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(name(w));
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}

/** Which layers each layer may import (itself included). */
const MAY_IMPORT: Record<string, string[]> = {
  shared: ['shared'],
  engine: ['shared', 'engine'],
  hosts: ['shared', 'engine', 'hosts'],
  page: ['shared', 'page', 'hosts/worker'],
};
const layerOf = (f: string) => name(f).split('/')[0];

describe('the tree is the layer diagram', () => {
  it('reads the imports of the whole source tree', () => {
    expect(files.length).toBeGreaterThan(100);
    expect([...graph.values()].reduce((n, edges) => n + edges.length, 0)).toBeGreaterThan(500);
  });

  it('has no circle of files importing each other', () => {
    expect(circles()).toEqual([]);
  });

  it('points every import down: shared ← engine ← hosts ← page (the page reaches only the worker host)', () => {
    const upward = files.flatMap((f) => {
      const layer = layerOf(f);
      const allowed = MAY_IMPORT[layer];
      if (!allowed) return [];
      return graph.get(f)!.filter((to) => !allowed.some((a) => name(to) === a || name(to).startsWith(`${a}/`))).map((to) => `${name(f)} → ${name(to)}`);
    });
    expect(upward).toEqual([]);
  });

  it('keeps the page off every worker file but its API and client', () => {
    const reached = files.filter((f) => layerOf(f) === 'page').flatMap((f) => graph.get(f)!.filter((to) => name(to).startsWith('hosts/worker/')).map(name));
    expect(reached.every((to) => to === 'hosts/worker/api.ts' || to === 'hosts/worker/client.ts')).toBe(true);
  });
});
