/**
 * The README's presets table, written by `presets --verify` from the run it just made: one row per
 * preset (natural, PGD, AA-lite, Square, logit scale, verdict and checks fired, wall time, whether
 * its claim held), the τ sweep's points, and every claim's conditions with their numbers. Pure
 * text in, text out; the command reads and writes the file.
 */
import type { SweepFigures } from '../../shared/events';
import type { Judgement, Measurement } from '../../shared/preset-claims';
import type { Preset, PresetSize } from '../../shared/presets';
import { summarise } from '../../shared/stats';
import { sweepChecks, sweepChecksText } from '../../shared/sweep-checks';

export const README_START = '<!-- presets:verify:start -->';
export const README_END = '<!-- presets:verify:end -->';

export interface VerifiedPreset {
  preset: Preset;
  measurement: Measurement;
  judgement: Judgement;
}

export interface VerifyRun {
  size: PresetSize;
  /** Node, tfjs, backend, cores and load, as the table's heading says. */
  machine: string;
  /** Settings laid over every preset, or '' for the presets as shipped. */
  overrides: string;
  /** When it ran, as the heading gives it (ISO date). */
  date: string;
  /** The command line that made it. */
  command: string;
  verified: VerifiedPreset[];
}

const one = (v: number | null) => (v === null ? '—' : v.toFixed(1));
/** A figure over the runs: the value for one seed, mean ± s.d. for several. */
function cell(runs: SweepFigures[], pick: (f: SweepFigures) => number | null, digits = 1): string {
  const values = runs.map(pick).filter((v): v is number => v !== null);
  if (values.length === 0) return '—';
  if (values.length === 1) return values[0].toFixed(digits);
  const s = summarise(values);
  return `${s.mean.toFixed(digits)} ± ${(s.sd ?? 0).toFixed(digits)}`;
}
const minutes = (seconds: number) => (seconds < 60 ? `${seconds.toFixed(0)} s` : `${(seconds / 60).toFixed(1)} min`);
const held = (j: Judgement) => (j.missing ? `not judged (needs ${j.missing})` : j.holds ? '**holds**' : '**does not hold**');

function runRow(v: VerifiedPreset & { measurement: { kind: 'runs' } }): string {
  const runs = v.measurement.runs;
  const figures = runs.map((r) => r.figures);
  const verdicts = [...new Set(runs.map((r) => `${r.verdict} (${r.fired.join(', ') || 'none'})`))].join('; ');
  const seeds = runs.length > 1 ? ` (seeds ${runs[0].seed}–${runs.at(-1)!.seed})` : '';
  return `| ${v.preset.name}${seeds} | ${held(v.judgement)} | ${cell(figures, (f) => f.natAcc)} | ${cell(figures, (f) => f.robustAcc)} | ` +
    `${cell(figures, (f) => f.aaLiteAcc)} | ${cell(figures, (f) => f.squareAcc)} | ${cell(figures, (f) => f.logitScale, 2)} | ${verdicts} | ` +
    `${minutes(runs.reduce((a, r) => a + r.seconds, 0))} |`;
}

function sweepRows(v: VerifiedPreset & { measurement: { kind: 'sweep' } }): string[] {
  const points = [...v.measurement.points].sort((a, b) => a.tau - b.tau);
  const white = points[0]?.robustAttack.attack === 'PGD' ? `PGD-${points[0].robustAttack.steps}` : 'white-box';
  return [
    `${v.preset.name}: ${held(v.judgement)}, ${minutes(v.measurement.seconds)}, on the first ${points[0]?.subset ?? 0} test points.`,
    '',
    `| τ | natural | ${white} | AA-lite | Square | logit scale | the detector's cheap checks |`,
    '|---|---|---|---|---|---|---|',
    ...points.map((p) => `| ${p.tau} | ${one(p.natAcc)} | ${one(p.robustAcc)} | ${one(p.aaLiteAcc)} | ${one(p.squareAcc)} | ${p.logitScale.toFixed(2)} | ${sweepChecksText(sweepChecks(p, 10), white)} |`),
  ];
}

/** The block between the markers: heading, the runs' table, the sweep's table, each claim's conditions. */
export function verifyBlock(run: VerifyRun): string {
  const runs = run.verified.filter((v): v is VerifiedPreset & { measurement: { kind: 'runs' } } => v.measurement.kind === 'runs');
  const sweeps = run.verified.filter((v): v is VerifiedPreset & { measurement: { kind: 'sweep' } } => v.measurement.kind === 'sweep');
  const lines = [
    README_START,
    `Written by \`${run.command}\` on ${run.date}: the ${run.size.toUpperCase()} size, ${run.machine}.` +
      (run.overrides ? ` **Not the presets as shipped**: ${run.overrides} on top of each.` : ''),
    'Accuracies in percent on the detector’s test points (PGD: the accuracy chart’s attack; AA-lite and Square as the detector runs them); time is wall clock, training + attacks + detector.',
    '',
  ];
  if (runs.length > 0) {
    lines.push('| preset | claim | natural | PGD | AA-lite | Square | logit scale | verdict (checks that fired) | time |', '|---|---|---|---|---|---|---|---|---|');
    lines.push(...runs.map(runRow), '');
  }
  for (const v of sweeps) lines.push(...sweepRows(v), '');
  lines.push('What each claim asserted, and with which numbers:', '');
  for (const v of run.verified) {
    lines.push(`- **${v.preset.name}** ${held(v.judgement)}${v.judgement.conditions.length > 0 ? ':' : '.'}`);
    for (const c of v.judgement.conditions) lines.push(`  - ${c.holds ? 'yes' : 'NO'}: ${c.text}`);
  }
  lines.push(README_END);
  return lines.join('\n');
}

/** `text` with its marked block replaced by `block`; null when the markers are missing or out of order. */
export function replaceMarkedBlock(text: string, block: string): string | null {
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) return null;
  return text.slice(0, start) + block + text.slice(end + README_END.length);
}
