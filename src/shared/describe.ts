/**
 * How attack settings are captioned everywhere (screen and exports): one captioner, at three
 * lengths — the full caption under a figure, a chart legend's, and a list row's. No tfjs here:
 * the page imports this module.
 */
import { AA_LITE_BUDGETS, attackName, LOSS_LABELS } from './attack-plan';
import type { AttackSettings } from './events';
import { formatEpsilon } from './format';

export { attackName } from './attack-plan';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** An ensemble member in a few words: "APGD-CE 20 it.", "APGD-T 3 targets × 20 it.", "Square 1000 q.". */
function memberShort(s: AttackSettings): string {
  switch (s.attack) {
    case 'APGD-T':
      return `APGD-T ${plural(s.targets ?? 0, 'target')} × ${s.steps} it.`;
    case 'Square':
      return `Square ${s.queries} q.`;
    default:
      return `${attackName(s)} ${s.steps} it.`;
  }
}

/** ε as a caption writes it: "ε" for L∞ (the default), "ε₂" for an L2 radius. */
export function epsilonSymbol(s: Pick<AttackSettings, 'norm'>): string {
  return s.norm === 'l2' ? 'ε₂' : 'ε';
}

/**
 * The caption of a figure: attack, loss, iterations, restarts, targets, queries, ε and subset.
 * `withEpsilon: false` leaves ε out, for captions where ε is the axis (the ε sweep).
 */
export function describeSettings(s: AttackSettings, { withEpsilon = true } = {}): string {
  if (s.transferFrom) return `transfer: ${describeSettings({ ...s, transferFrom: undefined }, { withEpsilon })}, crafted on ${s.transferFrom}`;
  const from = s.start === 'input' ? 'from x (no random start), ' : '';
  // Under L2 the norm is named wherever ε is, and where it is not (the ε sweep's axis) too.
  const where = `${from}${withEpsilon ? `${epsilonSymbol(s)} = ${formatEpsilon(s.epsilon)}, ` : s.norm === 'l2' ? 'L2, ' : ''}${s.subset} test points`;
  const restarts = plural(s.restarts, 'restart');
  switch (s.attack) {
    case 'PGD': {
      const loss = s.loss && s.loss !== 'ce' ? ` (${LOSS_LABELS[s.loss]} loss)` : '';
      return `PGD-${s.steps}${loss}, ${restarts}, ${where}`;
    }
    case 'APGD':
      return `${attackName(s)}, ${s.steps} iterations, ${restarts}, ${where}`;
    case 'APGD-T':
      return `APGD-T, ${plural(s.targets ?? 0, 'target')} × ${s.steps} iterations, ${restarts}, ${where}`;
    case 'AA-lite': {
      const budget = s.budget && AA_LITE_BUDGETS[s.budget] ? ` (${s.budget})` : '';
      const name = s.part === 'white-box' ? 'AA-lite white-box part' : 'AA-lite';
      return `${name}${budget}: ${(s.members ?? []).map(memberShort).join(' → ')}, ${restarts}, ${where}`;
    }
    case 'FGSM':
      return `${s.norm === 'l2' ? 'FGM' : 'FGSM'}, ${where}`;
    case 'Square':
      return `Square, ${s.queries} queries, ${where}`;
    case 'Noise':
      return `Noise, ${s.queries} draws, ${where}`;
  }
}

/**
 * How long a caption may be: 'full' (under a figure: every setting), 'legend' (a chart legend
 * entry: attack and subset, "PGD-10 on 500") or 'compact' (a list row: with ε and restarts beyond
 * one, "PGD-20 ε=0.3, 3 restarts on 64").
 */
export type CaptionLength = 'full' | 'legend' | 'compact';

/** The attack's short name with its budget: "PGD-10", "APGD-CE 20 it.", "AA-lite (quick)", "Square 1000 q.". */
function budgetName(s: AttackSettings): string {
  switch (s.attack) {
    case 'AA-lite':
      return `${s.part === 'white-box' ? 'AA-lite white-box part' : 'AA-lite'} (${s.budget})`;
    case 'PGD':
      return `PGD-${s.steps}`;
    // The black-box attacks and FGSM have no iterations to count (their steps are 0 or 1).
    case 'Square':
      return `Square ${s.queries} q.`;
    case 'Noise':
      return `Noise ${s.queries} draws`;
    case 'FGSM':
      return 'FGSM';
    default:
      return memberShort(s);
  }
}

/** Caption attack settings at `length` (see CaptionLength); 'full' is `describeSettings`. */
export function captionAttack(s: AttackSettings, length: CaptionLength = 'full'): string {
  switch (length) {
    case 'full':
      return describeSettings(s);
    case 'legend':
      return `${budgetName(s)}${s.norm === 'l2' ? ' L2' : ''} on ${s.subset}`;
    case 'compact': {
      const restarts = s.restarts > 1 ? `, ${s.restarts} restarts` : '';
      return `${budgetName(s)} ${epsilonSymbol(s)}=${formatEpsilon(s.epsilon)}${restarts} on ${s.subset}`;
    }
  }
}
