/** The accuracy chart's lines: two per run or per repeated group (natural and robust), the current one in ink and orange. */
import { EVAL_ATTACK_LABELS } from '../../shared/config';
import { attackName, captionAttack } from '../../shared/describe';
import type { AttackSettings } from '../../shared/events';
import { epochSpread } from '../../shared/repeats';
import { runLabel } from '../../shared/run-record';
import type { ChartSeries } from '../charts/LineChart';
import { chartUnits, seedsText } from './run-groups';
import { currentRun } from './slice';
import type { RunRecord } from '../../shared/run-record';

/** The current run: natural in ink, the robust series in orange. Earlier runs: one muted colour each, dashed. */
const CURRENT = { natural: '#1d3557', pgd: '#e76f51', aaLite: '#9b2226' };
const EARLIER = ['#2a9d8f', '#8d5fd3', '#b08d2e', '#6c757d', '#457b9d'];

export function describeAttack(pgd: AttackSettings | null): string {
  return pgd ? captionAttack(pgd) : 'measured after the first student epoch';
}

/** The attack behind a run's robust series, by name: "PGD", "APGD-CE", "AA-lite" (from its settings once measured). */
export function robustName(run: Pick<RunRecord, 'robustAttack' | 'config'>): string {
  return run.robustAttack ? attackName(run.robustAttack) : EVAL_ATTACK_LABELS[run.config.evalAttack];
}

/**
 * The legend's and tooltip's name of a run's final AA-lite point: which attack, its ε and steps,
 * and the subset — "AA-lite (quick) ε=0.05 on 64 points, 20 steps, after epoch 3".
 */
export function finalAaLiteName(point: NonNullable<RunRecord['finalAaLite']>): string {
  return `${captionAttack(point.attack, 'compact')} points, ${point.attack.steps} steps, after epoch ${point.epoch}`;
}

/** An earlier run's attack settings, short enough for a legend entry. */
const shortAttack = (pgd: AttackSettings) => captionAttack(pgd, 'legend');

/**
 * Two lines per run, natural and robust (named after the run's evaluation attack): the current run
 * in ink and orange, earlier ones muted and dashed. A repeated Train's runs are one pair of lines,
 * the mean per epoch, with the min–max over its seeds shaded where two or more reached the epoch.
 */
export function chartSeries(runs: RunRecord[]): ChartSeries[] {
  const current = currentRun(runs);
  return chartUnits(runs).flatMap((unit, i) => {
    const members = unit.kind === 'run' ? [unit.run] : unit.runs;
    const latest = current !== undefined && members.includes(current);
    const last = members[members.length - 1];
    const color = EARLIER[i % EARLIER.length];
    const style = (ink: string, dash: string) => ({ color: latest ? ink : color, width: latest ? 2.5 : 1.5, dash: latest ? undefined : dash });
    if (unit.kind === 'group') {
      const spread = epochSpread(unit.runs);
      const suffix = latest ? ` (mean, ${seedsText(unit.runs)})` : ` (runs ${unit.runs[0].id}–${last.id}: ${runLabel(last.config)}, mean, ${seedsText(unit.runs)})`;
      const band = (figure: 'natAcc' | 'robustAcc') =>
        spread.flatMap((e) => (e[figure] && e[figure].n > 1 ? [[e.epoch, e[figure].min, e[figure].max] as const] : []));
      return [
        { key: `nat-g${unit.group}`, name: `Natural accuracy${suffix}`, points: spread.map((e) => [e.epoch, e.natAcc.mean] as const), band: band('natAcc'), ...style(CURRENT.natural, '6 3') },
        {
          key: `pgd-g${unit.group}`, name: `${robustName(last)} accuracy${suffix}`, points: spread.map((e) => [e.epoch, e.robustAcc?.mean ?? null] as const),
          band: band('robustAcc'), dots: true, ...style(CURRENT.pgd, '1 4'),
        },
      ];
    }
    const { run } = unit;
    const suffix = latest ? '' : run.savedId !== undefined ? ` (saved: ${run.label})` : ` (run ${run.id}: ${run.label})`;
    const final = run.finalAaLite;
    return [
      { key: `nat-${run.id}`, name: `Natural accuracy${suffix}`, points: run.student.map((p) => [p.epoch, p.natAcc] as const), ...style(CURRENT.natural, '6 3') },
      {
        key: `pgd-${run.id}`, name: `${robustName(run)} accuracy${suffix}${latest || !run.robustAttack ? '' : ` [${shortAttack(run.robustAttack)}]`}`,
        points: run.student.map((p) => [p.epoch, p.robustAcc] as const), dots: true, ...style(CURRENT.pgd, '1 4'),
      },
      // The finished run's last epoch under the strongest attack it can afford, set apart as a diamond (issue 19).
      ...(final
        ? [{ key: `aa-${run.id}`, name: `${finalAaLiteName(final)}${suffix}`, points: [[final.epoch, final.robustAcc] as const], marker: 'diamond' as const, ...style(CURRENT.aaLite, '') }]
        : []),
    ];
  });
}
