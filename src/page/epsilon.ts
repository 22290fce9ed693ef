import { DATASET_INFO, type DatasetId, type NormId } from '../shared/config';
import { formatEpsilon } from '../shared/format';

/**
 * ε as the page shows it: a decimal, and also as x/255 on image data sets (the unit papers quote
 * there) under L∞; under L2 the decimal and "(L2)".
 */
export function epsilonText(epsilon: number, dataset: DatasetId, norm: NormId = 'linf'): string {
  return formatEpsilon(epsilon, { image: DATASET_INFO[dataset].inputShape.length === 3, norm });
}
