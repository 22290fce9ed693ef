/**
 * The results file the PyTorch export writes (python/ltd_torch.py, downloaded with its settings by
 * src/engine/export/torch-script.ts), declared once here, free of tfjs, so the page's run history
 * (src/page/history) can import it. python/test_run.py checks the script's files against this schema
 * (as JSON Schema in python/fixtures/torch-results.schema.json).
 *
 * Its top level has the shape of the page's metrics JSON (`metricsJson` in src/shared/metrics-export.ts:
 * `{ exported, runs }`), and its one run has the fields of a run record (src/shared/run-record.ts
 * `RunRecord`), so the page's run history can import it like a saved run. What only PyTorch knows
 * sits under `pytorch`:
 *
 * ```
 * { exported: ISO time,
 *   runs: [{ id: 1, label, config: Config (after command-line overrides),
 *            teacher: EpochPoint[] (robustAcc null), student: EpochPoint[],
 *            robustAttack: { attack: 'PGD', norm?, epsilon, steps, restarts: 1, subset },
 *            teacherCached: false, liveChanges: [], outcome: 'completed' }],
 *   pytorch: { script, torch, python, device, worldSize, backend ('gloo' | 'nccl' | null),
 *              random ('engine' | 'torch'), wallSeconds (over every session of a resumed run),
 *              trainAttack: { attack: 'PGD', norm?, epsilon, steps, stepSize, start } | null,
 *              autoAttack: { status: 'done', attack ('AutoAttack' | 'AA-lite'), robustAccuracy, cleanAccuracy,
 *                            version, implementation, torchattacks (its version | null), epsilon, subset,
 *                            attacks: [{ attack, loss?, steps?, targets?, queries?, …, subset, broken, robustAccuracy, seconds }] }
 *                        | { status: 'skipped' | 'failed', reason, … },
 *              scale: the paper-scale block (src/shared/torch-scale.ts) | null, precision (in words),
 *              checkpoints: { folder, resumed: [{ phase, epoch, worldSize }] },
 *              modelCard: a RobustBench model card (src/shared/model-card.ts) } }
 * ```
 * EpochPoint: `{ epoch, natAcc, robustAcc, loss, lr, tau, lambda, seconds }`, accuracies in percent.
 * Fields added with paper scale are optional, so results files of earlier scripts still import.
 */
import { z } from 'zod';
import { ConfigSchema } from './config';
import { ModelCardSchema } from './model-card';
import { ScaleSchema } from './torch-scale';

const percent = z.number().min(0).max(100);

export const TorchEpochSchema = z.object({
  epoch: z.number().int().min(1),
  natAcc: percent,
  /** PGD accuracy on the evaluation subset; null for the teacher. */
  robustAcc: percent.nullable(),
  /** Mean batch loss of the epoch, without the weight-decay term. */
  loss: z.number(),
  lr: z.number(),
  tau: z.number(),
  lambda: z.number(),
  seconds: z.number().min(0),
});

/** A figure's threat model where it is not L∞ (python/ltd_torch.py norm_field; AttackSettings.norm): absent means L∞. */
const NormSchema = z.literal('l2');

export const TorchRunSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  config: ConfigSchema,
  teacher: z.array(TorchEpochSchema),
  student: z.array(TorchEpochSchema),
  robustAttack: z.object({
    attack: z.literal('PGD'),
    epsilon: z.number().min(0),
    /** 'l2' for a run under the L2 threat model; absent: L∞. */
    norm: NormSchema.optional(),
    steps: z.number().int().min(1),
    restarts: z.literal(1),
    subset: z.number().int().min(1),
  }),
  teacherCached: z.literal(false),
  liveChanges: z.array(z.never()),
  outcome: z.literal('completed'),
});

/** One attack of the ensemble, as AutoAttack's log reports it: its settings, then what it did on the points still standing. */
export const AttackStageSchema = z.object({
  attack: z.enum(['APGD', 'APGD-T', 'FAB-T', 'Square']),
  loss: z.enum(['ce', 'margin', 'dlr-targeted']).optional(),
  steps: z.number().int().min(1).optional(),
  restarts: z.number().int().min(1),
  targets: z.number().int().min(0).optional(),
  queries: z.number().int().min(1).optional(),
  pInit: z.number().optional(),
  norm: NormSchema.optional(),
  epsilon: z.number().min(0),
  /** Points it attacked: those every earlier attack left standing. */
  subset: z.number().int().min(0),
  broken: z.number().int().min(0),
  /** Robust accuracy over the whole subset after it (the per-point worst case so far). */
  robustAccuracy: percent,
  seconds: z.number().min(0),
});

export const AutoAttackResultSchema = z.union([
  z.object({
    status: z.literal('done'),
    robustAccuracy: percent,
    /** Which attacks ran, in words (the standard four, or fewer on small problems). */
    version: z.string(),
    /** torchattacks' version where its attacks ran; null where the script's own did (AA-lite). */
    torchattacks: z.string().nullable(),
    /** Which implementation ran, in words. */
    implementation: z.string().optional(),
    /** 'AutoAttack' through torchattacks; 'AA-lite' (no FAB-T) with the script's own attacks. */
    attack: z.enum(['AutoAttack', 'AA-lite']),
    cleanAccuracy: percent.optional(),
    attacks: z.array(AttackStageSchema).optional(),
    epsilon: z.number(),
    norm: NormSchema.optional(),
    subset: z.number().int(),
  }),
  z.object({ status: z.enum(['skipped', 'failed']), reason: z.string() }).passthrough(),
]);

const ResumeSchema = z.object({ phase: z.enum(['teacher', 'student']), epoch: z.number().int().min(1), worldSize: z.number().int().min(1) });

export const TorchResultsSchema = z.object({
  exported: z.string(),
  runs: z.array(TorchRunSchema).length(1),
  pytorch: z.object({
    script: z.string(),
    torch: z.string(),
    python: z.string(),
    device: z.string(),
    worldSize: z.number().int().min(1),
    backend: z.enum(['gloo', 'nccl']).nullable(),
    random: z.enum(['engine', 'torch']),
    wallSeconds: z.number().min(0),
    trainAttack: z
      .object({
        attack: z.literal('PGD'),
        norm: NormSchema.optional(),
        epsilon: z.number(),
        steps: z.number().int(),
        stepSize: z.number(),
        start: z.enum(['uniform', 'normal-small']),
      })
      .nullable(),
    autoAttack: AutoAttackResultSchema,
    scale: ScaleSchema.nullable().optional(),
    precision: z.string().optional(),
    checkpoints: z.object({ folder: z.string(), resumed: z.array(ResumeSchema) }).nullable().optional(),
    modelCard: ModelCardSchema.optional(),
  }),
});

export type TorchResults = z.infer<typeof TorchResultsSchema>;
