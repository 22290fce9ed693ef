/**
 * How numbers read on screen and in exports: one formatter per kind of number, so an axis tick
 * never prints 0.150000000000000002 and ε reads the same in every panel. No tfjs, no DOM: every
 * layer may import it.
 */

/** A decimal without float noise: at most `digits` decimals, trailing zeros dropped (0.15, 1, 0.0314). */
export function formatDecimal(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : '—';
  const rounded = Number(value.toFixed(digits));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** A percentage with one decimal ("53.1%"); null or undefined reads "—". */
export function formatPercent(value: number | null | undefined, { sign = true } = {}): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${value.toFixed(1)}${sign ? '%' : ''}`;
}

/**
 * ε in input units ([0, 1]); on images also as x/255, the unit papers quote (8/255 on CIFAR-10).
 * The x/255 part keeps one decimal only when ε is not a whole number of 1/255 steps.
 */
export function formatEpsilon(epsilon: number, { image = false } = {}): string {
  const decimal = formatDecimal(epsilon, 4);
  if (!image) return decimal;
  return `${decimal} (${formatDecimal(epsilon * 255, 1)}/255)`;
}

/** Seconds as a person reads a duration: "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
