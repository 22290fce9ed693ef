/** The in-memory form every data set is turned into: plain typed arrays, inputs in [0, 1]. */

export interface Split {
  /** Inputs, row-major, `n × prod(inputShape)`, every value in [0, 1]. */
  x: Float32Array;
  /** Class indices, length `n`. */
  y: Int32Array;
  n: number;
}

export interface Dataset {
  id: string;
  /** Shape of one input, e.g. [2] or [28, 28, 1]. */
  inputShape: number[];
  numClasses: number;
  classNames: string[];
  train: Split;
  test: Split;
  /**
   * The exact Bayes posterior p(c | x) of synthetic data (paper Eq. 7's oracle), for `n`
   * inputs laid out like `Split.x`; returns `n × numClasses` probabilities.
   */
  oracle?: (x: Float32Array, n: number) => Float32Array;
}

/** Size of one input: the product of the input shape. */
export function inputSize(dataset: Pick<Dataset, 'inputShape'>): number {
  return dataset.inputShape.reduce((a, b) => a * b, 1);
}
