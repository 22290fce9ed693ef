/**
 * How attack settings are captioned everywhere (screen and exports). No tfjs here: the page
 * imports this module.
 */
import type { AttackSettings } from '../events';

/** `withEpsilon: false` leaves ε out, for captions where ε is the axis (the ε sweep). */
export function describeSettings(s: AttackSettings, { withEpsilon = true } = {}): string {
  const where = `${withEpsilon ? `ε = ${+s.epsilon.toFixed(4)}, ` : ''}${s.subset} test points`;
  switch (s.attack) {
    case 'PGD':
      return `PGD-${s.steps}, ${s.restarts} restart${s.restarts === 1 ? '' : 's'}, ${where}`;
    case 'FGSM':
      return `FGSM, ${where}`;
    case 'Square':
      return `Square, ${s.queries} queries, ${where}`;
    case 'Noise':
      return `Noise, ${s.queries} draws, ${where}`;
  }
}
