/**
 * Own 2-D data: a CSV of `x,y,label` rows parsed into points in [0, 1]² and class labels.
 *
 * The format (README "Own 2-D data"):
 * - one point a line, three fields: x, y, label; blank lines are skipped;
 * - the first line is a header when neither its x nor its y field is a number;
 * - fields split on commas, or on tabs / semicolons when the first line has one (then a comma
 *   inside a number is read as a decimal comma, as spreadsheets in many locales write it);
 * - labels are integers 0, 1, …, C − 1 (2 ≤ C ≤ MAX_CLASSES), each used on at least
 *   MIN_ROWS_PER_CLASS rows; label k is class k, so a model's output k means the file's k.
 *
 * x and y are scaled to [0, 1] independently (min–max), because every attack here clips to
 * [0, 1] and ε is read in those units; the original ranges are returned so the page can say so.
 * Nothing is refused silently: every bad row is reported with its 1-based line number.
 */
import { DATASET_INFO } from '../../shared/config';
import { formatSignificant } from '../../shared/format';
import { DataFormatError } from './errors';

/** The most classes a file may have (the catalogue's class count for `csv`; the plot has a colour for each). */
export const MAX_CLASSES = DATASET_INFO.csv.numClasses;
/** Fewer rows than this in a class leave nothing for its test split (20 %) to measure. */
export const MIN_ROWS_PER_CLASS = 5;
export const MAX_ROWS = 100_000;
/** Problems listed in an error message; the rest are counted ("and 12 more"). */
export const MAX_LISTED_PROBLEMS = 20;

/** One thing wrong with a file: a row (with its 1-based line number) or the file as a whole. */
export interface CsvProblem {
  line: number | null;
  reason: string;
}

/** The original range of one axis, mapped linearly onto [0, 1]. */
export interface AxisRange {
  min: number;
  max: number;
}

export interface ParsedCsv2d {
  /** x0, y0, x1, y1, … scaled to [0, 1], one pair per row in file order. */
  points: Float32Array;
  /** Class of each row, in file order. */
  labels: Int32Array;
  /** Row count. */
  n: number;
  /** C: labels are 0 … C − 1. */
  numClasses: number;
  /** Rows per class. */
  classCounts: number[];
  /** The original ranges the scaling mapped onto [0, 1]. */
  scaling: { x: AxisRange; y: AxisRange };
  /** What separated the fields, and whether a header line was skipped. */
  delimiter: ',' | ';' | '\t';
  header: boolean;
}

/** A CSV that cannot be used: names the file and lists every problem found (the first 20 in its message). */
export class CsvFormatError extends DataFormatError {
  constructor(file: string, readonly problems: CsvProblem[]) {
    super(file, describeProblems(problems));
    this.name = 'CsvFormatError';
  }
}

function describeProblems(problems: CsvProblem[]): string {
  const rows = problems.filter((p) => p.line !== null).length;
  const head = rows > 0 ? `${rows} bad row${rows === 1 ? '' : 's'}` : 'cannot be used';
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => (p.line === null ? p.reason : `line ${p.line}: ${p.reason}`));
  const more = problems.length - listed.length;
  return `${head}: ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function unquote(field: string): string {
  const trimmed = field.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}

/** A finite number, or why the field is not one. */
function readNumber(field: string, decimalComma: boolean): number | string {
  const text = decimalComma ? field.replace(',', '.') : field;
  if (text === '') return 'is empty';
  if (!NUMBER.test(text)) return `"${field}" is not a number`;
  const value = Number(text);
  return Number.isFinite(value) ? value : `"${field}" is too large`;
}

function detectDelimiter(firstLine: string): ParsedCsv2d['delimiter'] {
  if (firstLine.includes('\t')) return '\t';
  if (firstLine.includes(';')) return ';';
  return ',';
}

/** (v − min) / (max − min), halved first so a range near the largest double cannot overflow; 0.5 on a constant axis. */
function scale(value: number, range: AxisRange): number {
  if (range.max === range.min) return 0.5;
  return (value / 2 - range.min / 2) / (range.max / 2 - range.min / 2);
}

/**
 * Parse CSV text into a 2-D data set.
 * @param file  the file's name, for the error message
 * @param text  the whole file as text
 * @throws CsvFormatError listing every bad row (line number and reason) and every file-level problem
 */
export function parseCsv2d(file: string, text: string): ParsedCsv2d {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw new CsvFormatError(file, [{ line: null, reason: 'the file has no rows (expected x,y,label lines)' }]);
  const delimiter = detectDelimiter(lines[first]);
  const decimalComma = delimiter !== ',';
  const split = (line: string) => line.split(delimiter).map(unquote);

  const firstFields = split(lines[first]);
  const header = firstFields.length >= 2 && typeof readNumber(firstFields[0], decimalComma) === 'string' &&
    typeof readNumber(firstFields[1], decimalComma) === 'string';

  const problems: CsvProblem[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  const labels: number[] = [];
  const rowsPerLabel = new Map<number, number>();
  for (let i = header ? first + 1 : first; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const line = i + 1;
    const fields = split(lines[i]);
    if (fields.length !== 3) {
      problems.push({ line, reason: `${fields.length} field${fields.length === 1 ? '' : 's'}, expected 3 (x, y, label)` });
      continue;
    }
    const x = readNumber(fields[0], decimalComma);
    const y = readNumber(fields[1], decimalComma);
    const label = readNumber(fields[2], decimalComma);
    const reasons: string[] = [];
    if (typeof x === 'string') reasons.push(`x ${x}`);
    if (typeof y === 'string') reasons.push(`y ${y}`);
    if (typeof label === 'string' || !Number.isInteger(label) || label < 0) reasons.push(`label "${fields[2]}" is not an integer ≥ 0`);
    else if (label >= MAX_CLASSES) reasons.push(`label ${label} is above ${MAX_CLASSES - 1} (at most ${MAX_CLASSES} classes)`);
    if (reasons.length > 0) {
      problems.push({ line, reason: reasons.join(', ') });
      continue;
    }
    xs.push(x as number);
    ys.push(y as number);
    labels.push(label as number);
    rowsPerLabel.set(label as number, (rowsPerLabel.get(label as number) ?? 0) + 1);
  }

  const n = labels.length;
  if (n + problems.length > MAX_ROWS) problems.push({ line: null, reason: `${n + problems.length} rows, more than the ${MAX_ROWS} this page accepts` });
  const numClasses = rowsPerLabel.size === 0 ? 0 : Math.max(...rowsPerLabel.keys()) + 1;
  const classCounts = Array.from({ length: numClasses }, (_, c) => rowsPerLabel.get(c) ?? 0);
  if (problems.length === 0) problems.push(...classProblems(classCounts));
  if (problems.length > 0) throw new CsvFormatError(file, problems);

  const scaling = { x: range(xs), y: range(ys) };
  const points = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    points[2 * i] = scale(xs[i], scaling.x);
    points[2 * i + 1] = scale(ys[i], scaling.y);
  }
  return { points, labels: Int32Array.from(labels), n, numClasses, classCounts, scaling, delimiter, header };
}

/** File-level problems with the classes: too few, gaps in the labels, too few rows in one. */
function classProblems(classCounts: number[]): CsvProblem[] {
  const used = classCounts.filter((c) => c > 0).length;
  if (used === 0) return [{ line: null, reason: 'no data rows (expected x,y,label lines)' }];
  if (used < 2) return [{ line: null, reason: `only one class (label ${classCounts.length - 1}); a classifier needs at least 2` }];
  const problems: CsvProblem[] = [];
  const missing = classCounts.flatMap((count, c) => (count === 0 ? [c] : []));
  if (missing.length > 0) {
    problems.push({ line: null, reason: `label${missing.length === 1 ? '' : 's'} ${missing.join(', ')} never used: labels must be 0, 1, …, C − 1 with no gaps` });
  }
  classCounts.forEach((count, c) => {
    if (count > 0 && count < MIN_ROWS_PER_CLASS) problems.push({ line: null, reason: `class ${c} has ${count} row${count === 1 ? '' : 's'}, fewer than ${MIN_ROWS_PER_CLASS}` });
  });
  return problems;
}

function range(values: number[]): AxisRange {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** The scaling in words: "x from −3.2 to 4.1, y from 0 to 250 scaled to [0, 1]". */
export function describeScaling(scaling: ParsedCsv2d['scaling']): string {
  const axis = (name: string, r: AxisRange) =>
    r.min === r.max ? `${name} constant at ${formatSignificant(r.min, 6)} (placed at 0.5)` : `${name} from ${formatSignificant(r.min, 6)} to ${formatSignificant(r.max, 6)}`;
  return `${axis('x', scaling.x)}, ${axis('y', scaling.y)} scaled to [0, 1]`;
}
