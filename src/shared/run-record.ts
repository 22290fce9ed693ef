/**
 * A run as the page keeps it, exports it and imports it back: its config, its epochs' figures and
 * how it ended. The page's metrics JSON is `{ exported, runs: RunRecord[] }`; the command line
 * writes the same, and an exported PyTorch script's results file has the same shape
 * (src/shared/torch-results.ts), so each home reads the others' runs.
 */
import { type Config, METHOD_LABELS } from './config';
import type { AttackSettings, EventOf } from './events';
import { formatDecimal } from './format';
import type { RepeatTag } from './repeats';

/** What a run keeps of each epoch event: the numbers, without the plot-only grid. */
export type EpochPoint = Omit<EventOf<'epoch'>, 'type' | 'phase' | 'robustAttack' | 'grid'>;

/** A completed run's last epoch under AA-lite (quick) on the evaluation subset: the accuracy chart's final marker. */
export type FinalAaLitePoint = Omit<EventOf<'final-aa-lite'>, 'type'>;

export interface LiveChangeMark {
  epoch: number;
  batch: number;
  batches: number;
  /** What changed, e.g. "τ→2" or "τ→2, λ→4". */
  label: string;
}

export interface RunRecord {
  id: number;
  /** Short description for legends: method, τ, λ, ε. */
  label: string;
  config: Config;
  teacher: EpochPoint[];
  student: EpochPoint[];
  /** The attack behind the PGD accuracy series. */
  robustAttack: AttackSettings | null;
  teacherCached: boolean;
  /** A completed run's final AA-lite (quick) point; absent for a run stopped, failed, still training, or saved before format 5. */
  finalAaLite?: FinalAaLitePoint;
  /** τ/λ changes made during the run, where they took effect (marked on the accuracy chart). */
  liveChanges: LiveChangeMark[];
  /** `interrupted`: a kept run whose end never came (the page closed, the worker or the GPU died, the loss went NaN). */
  outcome: 'running' | 'completed' | 'stopped' | 'failed' | 'interrupted';
  /** Set on a saved run shown for comparison (its key in saved runs): drawn dashed, never the current run. */
  savedId?: number;
  /** Set on each run of a repeated Train: the group (one press of Train), and which seed of it this is. */
  repeat?: RepeatTag & { group: number };
}

/** Whether the method's loss has a λ-weighted KL term (TRADES, label smoothing, LTD on its TRADES base). */
export function usesLambda(config: Pick<Config, 'method' | 'ltdBase'>): boolean {
  return ['trades', 'label-smoothing'].includes(config.method) || (config.method === 'ltd' && config.ltdBase === 'trades');
}

/** The method in a few words, with what sets it apart: "LTD (PGD-AT base)+AWP γ=0.005", "Label smoothing s=0.1". */
export function methodText(config: Config): string {
  let text = METHOD_LABELS[config.method];
  if (config.method === 'ltd' && config.ltdBase === 'pgd-at') text += ' (PGD-AT base)';
  if (config.awp === 'on') text += `+AWP γ=${config.awpGamma}`;
  if (config.method === 'label-smoothing') text += ` s=${config.smoothing}`;
  if (config.method === 'defensive-distillation') text += ` T_d=${config.distillTemperature}`;
  return text;
}

/** Short description for legends and tables: method, τ, λ, ε. */
export function runLabel(config: Config): string {
  const method = METHOD_LABELS[config.method];
  const parts = [config.method === 'ltd' && config.ltdBase === 'pgd-at' ? `${method} (PGD-AT base)` : method];
  if (config.awp === 'on') parts[0] += `+AWP γ=${config.awpGamma}`;
  if (config.method === 'ltd') parts.push(`τ=${config.tau}`);
  if (usesLambda(config)) parts.push(`λ=${config.lambda}`);
  if (config.method === 'label-smoothing') parts.push(`s=${config.smoothing}`);
  if (config.method === 'defensive-distillation') parts.push(`T_d=${config.distillTemperature}`);
  parts.push(`ε=${formatDecimal(config.epsilon)}`);
  return parts.join(' ');
}
