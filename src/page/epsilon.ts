import { DATASET_INFO, type DatasetId } from '../shared/config';
import { formatEpsilon } from '../shared/format';

/** ε as the page shows it: a decimal, and also as x/255 on image data sets (the unit papers quote there). */
export function epsilonText(epsilon: number, dataset: DatasetId): string {
  return formatEpsilon(epsilon, { image: DATASET_INFO[dataset].inputShape.length === 3 });
}
