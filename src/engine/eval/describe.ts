/**
 * How attack settings are captioned everywhere (screen and exports). No tfjs here: the page
 * imports this module.
 */
import type { AttackSettings } from '../events';

export function describeSettings(s: AttackSettings): string {
  const where = `ε = ${+s.epsilon.toFixed(4)}, ${s.subset} test points`;
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
