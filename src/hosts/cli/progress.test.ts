import { describe, expect, it } from 'vitest';
import { EtaSmoother, progressBar, type Stream } from './progress';
import { markdownTable } from './table';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  const stream: Stream = { isTTY, columns: 100, write: (t: string) => chunks.push(t) };
  return { stream, text: () => chunks.join('') };
}

/** Seconds left in each printed line ("… · 1 min 40 s left · …"). */
function etas(lines: string[]): number[] {
  return lines.map((line) => {
    const m = /· (?:(\d+) min )?(\d+(?:\.\d)?) s left/.exec(line);
    return m ? 60 * Number(m[1] ?? 0) + Number(m[2]) : NaN;
  });
}

describe('the progress bar', () => {
  it('prints a line every few seconds of work off a terminal, and at each tenth', () => {
    let t = 0;
    const out = capture(false);
    const bar = progressBar(out.stream, { now: () => t });
    // 200 s of work, an update each second, 0.5 % a second.
    for (let i = 0; i <= 200; i++) {
      t = 1000 * i;
      bar.update(i / 200, null, 'student epoch 1/2');
    }
    const lines = out.text().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(40);
    expect(lines.length).toBeLessThanOrEqual(42);
    expect(lines[0]).toBe('  0 % · student epoch 1/2');
    expect(lines.at(-1)).toBe('100 % · 0 s left · student epoch 1/2');
    // At constant speed the ETA is the time left: 100 s at half way.
    expect(lines.find((l) => l.startsWith(' 50 %'))).toBe(' 50 % · 1 min 40 s left · student epoch 1/2');
  });

  it('follows a change of speed smoothly: no line\'s ETA jumps, and it ends near the truth', () => {
    let t = 0;
    const out = capture(false);
    const bar = progressBar(out.stream, { now: () => t });
    // A fast phase (half the work in 100 s), then one five times slower (the rest in 500 s); one batch in ten is slow.
    let fraction = 0;
    for (let i = 1; i <= 600; i++) {
      t = 1000 * i;
      const speed = (i <= 100 ? 0.5 / 100 : 0.5 / 500) * (i % 10 === 0 ? 0.3 : 1.078);
      fraction = Math.min(1, fraction + speed);
      bar.update(fraction, null, 'run');
    }
    const seconds = etas(out.text().split('\n').filter(Boolean)).filter(Number.isFinite);
    const steps = seconds.slice(1).map((s, i) => Math.abs(s - seconds[i]));
    // Lines are 5 s apart: from line to line the ETA moves by seconds, never by minutes, the change of speed included.
    expect(Math.max(...steps)).toBeLessThan(20);
    // Two minutes into the slow phase (t = 220 s, 380 s left), the ETA is within a fifth of the truth
    // (extrapolating from the start, as the engine's ETA does, says 135 s).
    const smoother = new EtaSmoother();
    let f = 0;
    let at220 = null as number | null;
    for (let i = 1; i <= 220; i++) {
      f += i <= 100 ? 0.005 : 0.001;
      at220 = smoother.update(i, f);
    }
    expect(at220).toBeGreaterThan(0.8 * 380);
    expect(at220).toBeLessThan(1.2 * 380);
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
