import { formatPercent, formatRange } from '../../shared/format';
import { epochSpread } from '../../shared/repeats';
import { runLabel } from '../../shared/run-record';
import { describeAttack, robustName } from './accuracy-series';
import { groupOf, seedsText } from './run-groups';
import type { RunRecord } from '../../shared/run-record';

/**
 * The current run's numbers, for screen readers, tests and copying: one row per epoch with epoch,
 * natural % and robust % first (DESIGN.md §6), then n and the min–max of each over the seeds — for a
 * repeated Train the first two are means over the runs that reached the epoch; a single run has
 * n = 1 and no range.
 */
export function AccuracyTable({ runs, run }: { runs: RunRecord[]; run: RunRecord | undefined }) {
  const members = run ? groupOf(runs, run) : [];
  const rows = epochSpread(members);
  const repeated = run?.repeat !== undefined && run.savedId === undefined;
  const first = members[0];
  const robust = run ? robustName(run) : 'PGD';
  return (
    <table aria-label="Accuracy data" className="visually-hidden-table">
      <caption>
        {!run
          ? 'No run yet.'
          : repeated
            ? `Runs ${first.id}–${run.id}: ${runLabel(run.config)}, ${seedsText(members)}; each epoch the mean over the runs that reached it. ${robust}: ${describeAttack(run.robustAttack)}.`
            : `Run ${run.id}: ${run.label}. ${robust}: ${describeAttack(run.robustAttack)}.`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Epoch</th>
          <th scope="col">Natural accuracy (%{repeated ? ', mean' : ''})</th>
          <th scope="col">{robust} accuracy (%{repeated ? ', mean' : ''})</th>
          <th scope="col">n</th>
          <th scope="col">Natural accuracy min–max (%)</th>
          <th scope="col">{robust} accuracy min–max (%)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr key={e.epoch}>
            <td>{e.epoch}</td>
            <td>{formatPercent(e.natAcc.mean, { sign: false })}</td>
            <td>{formatPercent(e.robustAcc?.mean, { sign: false })}</td>
            <td>{e.natAcc.n}</td>
            <td>{formatRange(e.natAcc)}</td>
            <td>{formatRange(e.robustAcc)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
