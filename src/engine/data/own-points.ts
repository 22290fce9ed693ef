/**
 * The person's own 2-D data set (`csv`): read from one picked file, parsed, and held here only if
 * the whole file is good — a bad file leaves the previously loaded set in place. Like the image
 * registry, the held set has a version that changes on every load, so the teacher cache notices.
 */
import { splitSizes } from './csv-split';
import { type ParsedCsv2d, describeScaling, parseCsv2d } from './csv2d';
import { DataFormatError, DataNotLoadedError } from './errors';
import { type DataFileSource, type OnLoadProgress, baseName, readSource } from './files';

/** A CSV larger than this is not 2-D data one wants to train on in a browser tab. */
export const MAX_CSV_BYTES = 16 * 2 ** 20;

export interface PointSet {
  /** The file's name, as picked. */
  source: string;
  parsed: ParsedCsv2d;
}

export class PointSetHolder {
  private set: PointSet | null = null;
  private loads = 0;

  put(set: PointSet): void {
    this.set = set;
    this.loads++;
  }

  get(): PointSet | null {
    return this.set;
  }

  /** 0 until a file is loaded, then 1, 2, … with each load. */
  version(): number {
    return this.loads;
  }

  /** The held set, or DataNotLoadedError saying how to load one. */
  require(): PointSet {
    if (!this.set) throw new DataNotLoadedError('Own 2-D data (CSV)', 'pick a CSV file of x,y,label rows in "2-D data (CSV)"');
    return this.set;
  }

  clear(): void {
    this.set = null;
  }
}

/** The process's own 2-D data (one per worker, one per test file). */
export const ownPoints = new PointSetHolder();

/** The one CSV among `sources`: a single file whatever its name, else the one named *.csv / *.tsv / *.txt. */
function pickCsv(sources: DataFileSource[]): DataFileSource {
  if (sources.length === 1) return sources[0];
  const names = sources.map((s) => s.name).join(', ') || '(no files)';
  const csv = sources.filter((s) => /\.(csv|tsv|txt)$/i.test(s.name));
  if (csv.length !== 1) throw new DataFormatError(names, `expected one CSV file of x,y,label rows, found ${csv.length} among ${sources.length} files`);
  return csv[0];
}

/**
 * Read and parse one CSV; every failure is a DataFormatError naming the file (a CsvFormatError
 * listing the bad rows by line number).
 */
export async function loadCsvFile(sources: DataFileSource[], onProgress?: OnLoadProgress): Promise<PointSet> {
  const source = pickCsv(sources);
  const name = baseName(source.name);
  if ('size' in source && source.size > MAX_CSV_BYTES) {
    throw new DataFormatError(name, `the file is ${(source.size / 2 ** 20).toFixed(1)} MB, more than the ${MAX_CSV_BYTES / 2 ** 20} MB a 2-D CSV may be`);
  }
  const { bytes } = await readSource(source, onProgress);
  if (bytes.byteLength > MAX_CSV_BYTES) throw new DataFormatError(name, `more than the ${MAX_CSV_BYTES / 2 ** 20} MB a 2-D CSV may be`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DataFormatError(name, 'is not UTF-8 text (expected a CSV of x,y,label rows)');
  }
  onProgress?.({ file: name, stage: 'parsing', fraction: 0 });
  const parsed = parseCsv2d(name, text);
  onProgress?.({ file: name, stage: 'done', fraction: 1 });
  return { source: name, parsed };
}

/** Load a CSV into `holder` only if it parsed; on any error the held set stays and the error propagates. */
export async function loadCsvInto(holder: PointSetHolder, sources: DataFileSource[], onProgress?: OnLoadProgress): Promise<PointSet> {
  const set = await loadCsvFile(sources, onProgress);
  holder.put(set);
  return set;
}

/** One line for the "Dataset status": file, rows and split, classes, the scaling. */
export function describePointSet({ source, parsed }: PointSet): string {
  const { trainSize, testSize } = splitSizes(parsed.classCounts);
  const counts = parsed.classCounts.map((count, c) => `${c}: ${count}`).join(', ');
  return `${source}: ${parsed.n} rows (${trainSize} training + ${testSize} test), ${parsed.numClasses} classes (rows per label ${counts}); ` +
    `${describeScaling(parsed.scaling)}${parsed.header ? '; header line skipped' : ''}`;
}
