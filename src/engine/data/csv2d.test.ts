import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, MAX_CLASSES, MAX_LISTED_PROBLEMS, MIN_ROWS_PER_CLASS, describeScaling, parseCsv2d } from './csv2d';
import { DataFormatError } from './errors';

/** Five rows per class for labels 0 and 1, x = 0..9, y = 10·x. */
const GOOD = Array.from({ length: 10 }, (_, i) => `${i},${10 * i},${i % 2}`).join('\n');

function problemsOf(text: string, file = 'points.csv'): CsvFormatError {
  try {
    parseCsv2d(file, text);
  } catch (error) {
    if (error instanceof CsvFormatError) return error;
    throw error;
  }
  throw new Error('expected a CsvFormatError');
}

describe('parseCsv2d', () => {
  it('scales each axis to [0, 1] by its own min and max and reports the original ranges', () => {
    const parsed = parseCsv2d('points.csv', 'x,y,label\n-2,100,0\n2,300,1\n0,200,0\n1,100,1\n-1,300,0\n' + '0,0,0\n0,400,1\n1,1,1\n1,2,0\n2,3,1');
    expect(parsed.header).toBe(true);
    expect(parsed.n).toBe(10);
    expect(parsed.scaling).toEqual({ x: { min: -2, max: 2 }, y: { min: 0, max: 400 } });
    // Row 1 (-2, 100) → (0, 0.25); row 2 (2, 300) → (1, 0.75); row 3 (0, 200) → (0.5, 0.5).
    expect(Array.from(parsed.points.slice(0, 6))).toEqual([0, 0.25, 1, 0.75, 0.5, 0.5]);
    expect(Array.from(parsed.labels.slice(0, 4))).toEqual([0, 1, 0, 1]);
    expect(parsed.numClasses).toBe(2);
    expect(parsed.classCounts).toEqual([5, 5]);
    expect(describeScaling(parsed.scaling)).toBe('x from -2 to 2, y from 0 to 400 scaled to [0, 1]');
  });

  it('reads a file without a header, with CRLF line ends, a byte-order mark, quotes and blank lines', () => {
    const parsed = parseCsv2d('p.csv', '\uFEFF' + GOOD.split('\n').map((l, i) => (i === 3 ? `"${l.split(',')[0]}", ${l.split(',').slice(1).join(',')}` : l)).join('\r\n') + '\r\n\r\n');
    expect(parsed.header).toBe(false);
    expect(parsed.n).toBe(10);
    expect(parsed.delimiter).toBe(',');
    expect(parsed.points[2 * 3]).toBeCloseTo(3 / 9, 6);
  });

  it('detects semicolons (with decimal commas) and tabs from the first line', () => {
    const semicolon = parseCsv2d('p.csv', 'x;y;label\n' + Array.from({ length: 10 }, (_, i) => `${i},5;1;${i % 2}`).join('\n'));
    expect(semicolon.delimiter).toBe(';');
    expect(semicolon.scaling.x).toEqual({ min: 0.5, max: 9.5 });
    expect(semicolon.scaling.y).toEqual({ min: 1, max: 1 });
    // A constant axis carries no information; its points sit in the middle rather than dividing by zero.
    expect(semicolon.points[1]).toBe(0.5);
    expect(describeScaling(semicolon.scaling)).toContain('y constant at 1 (placed at 0.5)');
    const tab = parseCsv2d('p.tsv', GOOD.replaceAll(',', '\t'));
    expect(tab.delimiter).toBe('\t');
    expect(tab.n).toBe(10);
  });

  it('accepts labels written as integral decimals (1.0) and keeps label k as class k', () => {
    const parsed = parseCsv2d('p.csv', Array.from({ length: 15 }, (_, i) => `${i},${i},${(i % 3).toFixed(1)}`).join('\n'));
    expect(parsed.numClasses).toBe(3);
    expect(Array.from(parsed.labels.slice(0, 4))).toEqual([0, 1, 2, 0]);
  });

  it('lists every bad row with its 1-based line number and reason, naming the file', () => {
    const lines = ['x,y,label', ...GOOD.split('\n')];
    lines[3] = '1,abc,0'; // line 4
    lines[5] = '1,2'; // line 6
    lines[7] = '1,2,1.5'; // line 8
    lines[8] = ',2,-1'; // line 9
    lines[9] = `1,1e999,${MAX_CLASSES}`; // line 10
    const error = problemsOf(lines.join('\n'));
    expect(error).toBeInstanceOf(DataFormatError);
    expect(error.file).toBe('points.csv');
    expect(error.problems).toEqual([
      { line: 4, reason: 'y "abc" is not a number' },
      { line: 6, reason: '2 fields, expected 3 (x, y, label)' },
      { line: 8, reason: 'label "1.5" is not an integer ≥ 0' },
      { line: 9, reason: 'x is empty, label "-1" is not an integer ≥ 0' },
      { line: 10, reason: `y "1e999" is too large, label ${MAX_CLASSES} is above ${MAX_CLASSES - 1} (at most ${MAX_CLASSES} classes)` },
    ]);
    expect(error.message).toMatch(/^points\.csv: 5 bad rows: line 4: y "abc" is not a number; line 6: 2 fields/);
  });

  it(`lists the first ${MAX_LISTED_PROBLEMS} problems and counts the rest`, () => {
    const text = GOOD + '\n' + Array.from({ length: 25 }, () => 'a,b,c,d').join('\n');
    const error = problemsOf(text);
    expect(error.problems).toHaveLength(25);
    expect(error.problems[0].line).toBe(11);
    expect(error.message).toContain('25 bad rows');
    expect(error.message).toContain(`line ${10 + MAX_LISTED_PROBLEMS}: 4 fields`);
    expect(error.message).not.toContain(`line ${11 + MAX_LISTED_PROBLEMS}:`);
    expect(error.message).toMatch(/; and 5 more$/);
  });

  it('refuses an empty file, one class, gaps in the labels and classes with too few rows', () => {
    expect(problemsOf(' \n\n').message).toBe('points.csv: cannot be used: the file has no rows (expected x,y,label lines)');
    expect(problemsOf('x,y,label\n').problems).toEqual([{ line: null, reason: 'no data rows (expected x,y,label lines)' }]);
    expect(problemsOf('1,1,3\n2,2,3\n3,3,3\n4,4,3\n5,5,3').problems[0].reason).toBe('only one class (label 3); a classifier needs at least 2');
    const gap = problemsOf(GOOD.replaceAll(/,1$/gm, ',2'));
    expect(gap.problems).toEqual([{ line: null, reason: 'label 1 never used: labels must be 0, 1, …, C − 1 with no gaps' }]);
    const few = problemsOf(GOOD + '\n1,1,2\n2,2,2');
    expect(few.problems).toEqual([{ line: null, reason: `class 2 has 2 rows, fewer than ${MIN_ROWS_PER_CLASS}` }]);
  });

  it('reports bad rows first: class counts are judged only on a file whose rows all parsed', () => {
    const error = problemsOf('1,1,0\nfoo,1,1');
    expect(error.problems).toEqual([{ line: 2, reason: 'x "foo" is not a number' }]);
  });
});

describe('parseCsv2d properties', () => {
  const value = fc.double({ min: -1e9, max: 1e9, noNaN: true });
  const rows = fc.array(fc.tuple(value, value, fc.integer({ min: 0, max: 3 })), { minLength: 0, maxLength: 60 });
  /** Arbitrary rows of labels 0–3, then every class up to the largest label (at least 1) filled to MIN_ROWS_PER_CLASS rows. */
  const validRows = rows.map((extra) => {
    const all = [...extra];
    const top = Math.max(1, ...all.map((r) => r[2]));
    for (let c = 0; c <= top; c++) {
      const need = MIN_ROWS_PER_CLASS - all.filter((r) => r[2] === c).length;
      for (let k = 0; k < need; k++) all.push([k * 0.5 - c, c * 3 + k, c]);
    }
    return all;
  });

  it('round-trips valid rows: unscaling gives the file values back and the labels are kept', () => {
    fc.assert(
      fc.property(validRows, fc.boolean(), (data, header) => {
        const text = (header ? 'x,y,label\n' : '') + data.map(([x, y, l]) => `${x},${y},${l}`).join('\n');
        const parsed = parseCsv2d('p.csv', text);
        expect(parsed.n).toBe(data.length);
        expect(parsed.header).toBe(header);
        const { x: rx, y: ry } = parsed.scaling;
        data.forEach(([x, y, label], i) => {
          expect(parsed.labels[i]).toBe(label);
          // float32 storage: about 6e-8 of the range.
          if (rx.max > rx.min) expect(Math.abs(parsed.points[2 * i] * (rx.max - rx.min) + rx.min - x)).toBeLessThanOrEqual(1e-6 * (rx.max - rx.min));
          if (ry.max > ry.min) expect(Math.abs(parsed.points[2 * i + 1] * (ry.max - ry.min) + ry.min - y)).toBeLessThanOrEqual(1e-6 * (ry.max - ry.min));
        });
      }),
    );
  });

  it('puts every scaled value in [0, 1], with each axis touching 0 and 1 unless it is constant', () => {
    const extreme = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(extreme, extreme), { minLength: 10, maxLength: 40 }), (pairs) => {
        const parsed = parseCsv2d('p.csv', pairs.map(([x, y], i) => `${x},${y},${i % 2}`).join('\n'));
        const axis = (k: number) => Array.from({ length: parsed.n }, (_, i) => parsed.points[2 * i + k]);
        for (const [k, r] of [[0, parsed.scaling.x], [1, parsed.scaling.y]] as const) {
          const values = axis(k);
          expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
          if (r.max > r.min) expect([Math.min(...values), Math.max(...values)]).toEqual([0, 1]);
        }
      }),
    );
  });

  it('never throws anything but CsvFormatError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          const parsed = parseCsv2d('p.csv', text);
          expect(parsed.points.every((v) => v >= 0 && v <= 1)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(CsvFormatError);
        }
      }),
    );
  });
});
