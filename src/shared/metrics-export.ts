/**
 * The runs' metrics as files: CSV (one row per epoch, with the settings that produced it) and
 * JSON (the runs as the store holds them, configs included). The pgd_* columns keep their names
 * for existing readers; they hold the evaluation attack's figure, which robust_attack names in full.
 * A completed run's final AA-lite (quick) point is one more row, phase `final-aa-lite`, at its last
 * epoch: its robust accuracy in pgd_accuracy, its attack in robust_attack.
 */
import { describeSettings } from './describe';
import type { RunRecord } from './run-record';

const COLUMNS = [
  'run', 'label', 'dataset', 'model', 'method', 'tau', 'lambda', 'epsilon', 'seed', 'phase', 'epoch',
  'natural_accuracy', 'pgd_accuracy', 'pgd_steps', 'pgd_subset', 'loss', 'lr', 'seconds', 'outcome', 'robust_attack',
] as const;

/** One CSV field: quoted where it holds a quote, comma or line break; empty for null. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function metricsCsv(runs: RunRecord[]): string {
  const rows: Array<Array<string | number | null>> = [];
  for (const run of runs) {
    const c = run.config;
    for (const phase of ['teacher', 'student'] as const) {
      for (const p of run[phase]) {
        rows.push([
          run.id, run.label, c.dataset, c.model, c.method, p.tau, p.lambda, c.epsilon, c.seed, phase, p.epoch,
          p.natAcc, p.robustAcc, phase === 'student' ? (run.robustAttack?.steps ?? null) : null, phase === 'student' ? (run.robustAttack?.subset ?? null) : null,
          p.loss, p.lr, p.seconds, run.outcome, phase === 'student' && run.robustAttack ? describeSettings(run.robustAttack) : null,
        ]);
      }
    }
    const f = run.finalAaLite;
    if (f) {
      rows.push([
        run.id, run.label, c.dataset, c.model, c.method, null, null, f.attack.epsilon, c.seed, 'final-aa-lite', f.epoch,
        null, f.robustAcc, f.attack.steps, f.attack.subset, null, null, f.seconds, run.outcome, describeSettings(f.attack),
      ]);
    }
  }
  return [COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}

export function metricsJson(runs: RunRecord[]): string {
  return JSON.stringify({ exported: new Date().toISOString(), runs }, null, 2);
}
