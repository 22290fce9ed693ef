import { describe, expect, it } from 'vitest';
import { progressBar, type Stream } from './progress';
import { markdownTable } from './table';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  const stream: Stream = { isTTY, columns: 100, write: (t: string) => chunks.push(t) };
  return { stream, text: () => chunks.join('') };
}

describe('the progress bar', () => {
  it('prints a line per tenth of progress off a terminal, with the ETA and what runs', () => {
    let t = 0;
    const out = capture(false);
    const bar = progressBar(out.stream, { now: () => t });
    for (let i = 0; i <= 100; i++) {
      t += 10;
      bar.update(i / 100, 100 - i, 'student epoch 1/2');
    }
    const lines = out.text().split('\n').filter(Boolean);
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('  0 % · 1 min 40 s left · student epoch 1/2');
    expect(lines[10]).toBe('100 % · 0 s left · student epoch 1/2');
  });

  it('redraws one line on a terminal and clears it before a note', () => {
    const out = capture(true);
    const bar = progressBar(out.stream);
    bar.update(0.5, null, 'teacher');
    bar.note('epoch 1: natural 80 %');
    const text = out.text();
    expect(text).toMatch(/^\[#+\.+\] {2}50 % · teacher/);
    expect(text).toMatch(/\r +\repoch 1: natural 80 %\n$/);
  });
});

describe('the result table', () => {
  it('pads Markdown columns and prints a dash for a missing figure', () => {
    expect(markdownTable(['τ', 'natural'], [[1, 95.5], [30, null]])).toBe(
      ['| τ  | natural |', '|----|---------|', '| 1  | 95.5    |', '| 30 | —       |'].join('\n'),
    );
  });
});
