/**
 * What presentation mode puts in large type, as plain data: the three numbers that matter —
 * natural accuracy, white-box robust accuracy and Square's robust accuracy — and the detector's
 * verdict, each with the settings behind it or, when not measured yet, the reason and what to do.
 * Pure: the components only lay these out, and the unit tests read them without a page.
 */
import { configToQuery } from '../../shared/config';
import { captionAttack } from '../../shared/describe';
import { formatPercent } from '../../shared/format';
import type { DetectorReport } from '../../hosts/worker/api';
import type { DetectorReportRequest } from '../detector/slice';
import type { RunRecord } from '../../shared/run-record';

/** One large number: its value ("85.3%" or "—") and one line saying what produced it, or why there is none. */
export interface BigFigure {
  value: string;
  /** Settings behind the value (attack, ε, subset), or the reason it is missing. */
  detail: string;
  measured: boolean;
}

export interface VerdictFigure {
  /** The verdict word (clean, suspected, masked, no verdict), or "—" before the detector ran on this model. */
  word: string;
  detail: string;
  measured: boolean;
}

export interface PresentFigures {
  natural: BigFigure;
  robust: BigFigure;
  square: BigFigure;
  verdict: VerdictFigure;
}

/** What a verdict word means, in one clause (the detector panel says the same). */
export const VERDICT_MEANING = {
  clean: 'no sign of gradient masking: the white-box number can be trusted',
  suspected: 'one warning sign: read the failed check before trusting the white-box number',
  masked: 'the white-box number overstates robustness: gradients hide adversarial examples',
  'no verdict': 'there is no classifier to judge yet',
} as const;

const missing = (detail: string): BigFigure => ({ value: '—', detail, measured: false });

/**
 * Whether the detector's report is about `run`'s student: made on the student, with the run's
 * settings, after the run finished. A report about another model must not sit beside this run's
 * numbers as if they were measured together.
 */
export function reportMatchesRun(run: RunRecord | undefined, request: DetectorReportRequest | null): boolean {
  if (!run || !request || run.outcome === 'running') return false;
  return request.role === 'student' && configToQuery(request.config) === configToQuery(run.config);
}

/** Why the detector's figures are not shown for this run, in words a room can read. */
/**
 * What the verdict rests on, counted from the report itself (the detector adds checks over time):
 * "6 warning signs and 5 attack-failure indicators".
 */
export function checksText(checks: DetectorReport['checks']): string {
  const count = (kind: DetectorReport['checks'][number]['kind']) => checks.filter((c) => c.kind === kind).length;
  const part = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const signs = part(count('warning-sign'), 'warning sign', 'warning signs');
  const failures = count('attack-failure');
  return failures === 0 ? signs : `${signs} and ${part(failures, 'attack-failure indicator', 'attack-failure indicators')}`;
}

function detectorMissing(run: RunRecord | undefined, request: DetectorReportRequest | null): string {
  if (!request) return 'not measured yet: run the detector (Square is its black-box attack)';
  if (request.role !== 'student') return 'the detector’s last report is about the teacher: run it on the student';
  if (!run) return 'no student trained yet: train one, then run the detector';
  if (run.outcome === 'running') return 'the run is still training: run the detector when it finishes';
  return 'the detector’s last report is about another run’s student: run it on this one';
}

/**
 * The figures of the current `run` (its last student epoch) and of the detector's `report`, made
 * with `request`, when that report is about this run's student.
 */
export function presentFigures(
  run: RunRecord | undefined,
  report: DetectorReport | null,
  request: DetectorReportRequest | null,
): PresentFigures {
  const last = run?.student.at(-1);
  const notYet = !run
    ? 'no student trained yet: press Train'
    : run.outcome === 'running'
      ? 'measured after the student’s first epoch'
      : `the run ${run.outcome} before the student’s first epoch`;

  const natural = last ? { value: formatPercent(last.natAcc), detail: `Student after epoch ${last.epoch}: all test points, no attack`, measured: true } : missing(notYet);

  const robust =
    last && run?.robustAttack && last.robustAcc !== null
      ? { value: formatPercent(last.robustAcc), detail: `White-box, epoch ${last.epoch}: ${captionAttack(run.robustAttack)}`, measured: true }
      : missing(notYet);

  const matches = report !== null && reportMatchesRun(run, request);
  const square = matches
    ? {
        value: formatPercent(report.attacks.square.robustAccuracy),
        detail:
          `Black-box: ${captionAttack(report.attacks.square.settings)}. ` +
          `On the same points the white-box side (${report.whiteBoxName}) leaves ${formatPercent(report.attacks.whiteBox.robustAccuracy)}.`,
        measured: true,
      }
    : missing(detectorMissing(run, request));

  const verdict: VerdictFigure = matches
    ? { word: report.verdict, detail: `${VERDICT_MEANING[report.verdict]}. ${checksText(report.checks)} on ${report.subset} test points, white-box side ${report.whiteBoxName}.`, measured: true }
    : { word: '—', detail: detectorMissing(run, request), measured: false };

  return { natural, robust, square, verdict };
}
