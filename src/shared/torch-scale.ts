/**
 * The paper-scale block of the PyTorch export's settings: what an export preset
 * (src/shared/export-presets.ts) adds to the page's config for a run that only a GPU cluster trains.
 * The page's config cannot say it (its models are the ones a browser trains), so the export writes
 * `{ ...config, scale }` into the script's CONFIG line and python/ltd_torch.py reads the block
 * (SCALE_KEYS, checked_scale); its results file hands it back under `pytorch.scale`.
 * Plain data, no tfjs.
 */
import { z } from 'zod';

const whole = (min: number) => z.number().int().min(min);

/** WideResNet-depth-widen as the TRADES reference code builds it: depth 6n + 4, n ≥ 1 blocks per stage. */
export const WideResNetSchema = z
  .object({
    name: z.literal('WideResNet'),
    depth: whole(10).refine((depth) => (depth - 4) % 6 === 0, { message: 'depth must be 6n + 4 (10, 16, 22, 28, 34, …)' }),
    widen: whole(1),
  })
  .strict();

export const ScaleSchema = z
  .object({
    /** The export preset that set it (`export-torch --preset <id>`). */
    preset: z.string().min(1),
    architecture: WideResNetSchema,
    /** The epochs (1-based) from which the learning rate is ×0.1 once more, rising. */
    lrDropEpochs: z.array(whole(1)).refine((e) => e.every((v, i) => i === 0 || v > e[i - 1]), { message: 'epochs must rise' }),
    /** AutoAttack runs on the first this many test points. */
    autoAttackSubset: whole(1),
    /** 'gpu': training forward passes in mixed precision on CUDA (evaluation stays float32); 'off': float32 throughout. */
    mixedPrecision: z.enum(['gpu', 'off']),
  })
  .strict();

export type Scale = z.infer<typeof ScaleSchema>;

/** The model as RobustBench's model cards name it, e.g. "WideResNet-34-10". */
export function architectureName(scale: Pick<Scale, 'architecture'>): string {
  return `WideResNet-${scale.architecture.depth}-${scale.architecture.widen}`;
}
