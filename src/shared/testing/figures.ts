/** Tests' sweep figures: what a sweep without AA-lite or Square reports beyond the figures a test sets. */
import type { SweepFigures } from '../events';

/** The fields a test of natural and robust accuracy does not care about: no extra attacks, a plain student. */
export const PLAIN_EXTRAS: Pick<SweepFigures, 'aaLiteAcc' | 'aaLite' | 'versusWhiteBox' | 'logitScale' | 'zeroGradients'> = {
  aaLiteAcc: null, aaLite: null, versusWhiteBox: { square: null, aaLite: null }, logitScale: 5, zeroGradients: 0,
};
