/**
 * A RobustBench model card (RobustBench/robustbench `model_info/<dataset>/<Linf or L2>/<name>.json`) as the
 * PyTorch export writes one for its run (python/ltd_torch.py `model_card`): RobustBench's field names,
 * its two-decimal strings for accuracies and "8/255" for ε, plus the epochs and the AutoAttack
 * implementation that ran. The run history keeps it with an imported run (src/shared/saved-run.ts).
 */
import { z } from 'zod';

/** An accuracy in percent as RobustBench writes it: "86.20". */
const twoDecimals = z.string().regex(/^\d{1,3}\.\d{2}$/, { message: 'an accuracy in percent with two decimals, e.g. "86.20"' });

export const ModelCardSchema = z.object({
  /** The run's label. */
  name: z.string(),
  dataset: z.string(),
  threat_model: z.enum(['Linf', 'L2']),
  /** ε as RobustBench writes it: "8/255", or the number. */
  eps: z.string(),
  /** E.g. "WideResNet-34-10", or the page's model name for the page's own models. */
  architecture: z.string(),
  /** The student's epochs. */
  epochs: z.number().int().min(1),
  /** Only CIFAR-10's own training split: no extra or generated data. */
  additional_data: z.literal(false),
  number_forward_passes: z.literal(1),
  /** Natural accuracy on the test split; null without a student epoch. */
  clean_acc: twoDecimals.nullable(),
  /** AutoAttack's robust accuracy; null where it did not run. */
  autoattack_acc: twoDecimals.nullable(),
  /** Which AutoAttack ran ("torchattacks 3.5.1, …" or the script's own), or null. */
  implementation: z.string().nullable(),
  /** The subset it ran on, or why it did not run. */
  footnote: z.string(),
});

export type ModelCard = z.infer<typeof ModelCardSchema>;
