/**
 * The one error a data or model file can raise: it names the file and says what is wrong,
 * so the page can show it as is ("train-images-idx3-ubyte.gz: truncated: …").
 */
import { errorText } from '../../shared/error-text';

export class DataFormatError extends Error {
  /**
   * @param file   the file's name as the person picked it (or the archive member, or the URL)
   * @param reason what is wrong with it, in words a person can act on
   */
  constructor(readonly file: string, readonly reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'DataFormatError';
  }
}

/** A file data set that has not been loaded yet; not a fault of any file. */
export class DataNotLoadedError extends Error {
  constructor(readonly dataset: string, hint: string) {
    super(`${dataset} is not loaded yet: ${hint}`);
    this.name = 'DataNotLoadedError';
  }
}

/** Run `parse` and turn any unexpected throw into a DataFormatError naming `file`. */
export function guardParse<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof DataFormatError) throw error;
    throw new DataFormatError(file, `cannot be read (${errorText(error)})`);
  }
}
