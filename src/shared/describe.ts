/**
 * How attack settings are captioned everywhere (screen and exports). No tfjs here: the page
 * imports this module.
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

/**
 * The caption of a figure: attack, loss, iterations, restarts, targets, queries, ε and subset.
 * `withEpsilon: false` leaves ε out, for captions where ε is the axis (the ε sweep).
 */
export function describeSettings(s: AttackSettings, { withEpsilon = true } = {}): string {
  const from = s.start === 'input' ? 'from x (no random start), ' : '';
  const where = `${from}${withEpsilon ? `ε = ${formatEpsilon(s.epsilon)}, ` : ''}${s.subset} test points`;
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
      return `FGSM, ${where}`;
    case 'Square':
      return `Square, ${s.queries} queries, ${where}`;
    case 'Noise':
      return `Noise, ${s.queries} draws, ${where}`;
  }
}
