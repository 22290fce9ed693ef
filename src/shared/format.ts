/**
 * How numbers read on screen and in exports: one formatter per kind of number, so an axis tick
 * never prints 0.150000000000000002 and ε reads the same in every panel. No tfjs, no DOM: every
 * layer may import it.
 */
import type { Summary } from './stats';

/** A decimal without float noise: at most `digits` decimals, trailing zeros dropped (0.15, 1, 0.0314). */
export function formatDecimal(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : '—';
  const rounded = Number(value.toFixed(digits));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** Exactly `digits` decimals (probabilities "0.50", z "2.61", coordinates), ±∞ as symbols, never "-0.00". */
export function formatFixed(value: number, digits: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : '—';
  const text = value.toFixed(digits);
  return Number(text) === 0 ? text.replace('-', '') : text;
}

/**
 * `digits` significant digits without trailing zeros, for quantities of any size (gradient norms,
 * learning rates): 0.0123, 1.5, 1230; below 0.001 in exponent form (2.5e-5).
 */
export function formatSignificant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : '—';
  if (value === 0) return '0';
  if (Math.abs(value) < 1e-3) return value.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(digits)));
}

/**
 * A percentage with one decimal ("53.1%"); null or undefined reads "—". `sign: false` leaves the
 * % out (table cells under a "(%)" header); `decimals: 0` for axis ticks and confidences.
 */
export function formatPercent(value: number | null | undefined, { sign = true, decimals = 1 } = {}): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${formatFixed(value, decimals)}${sign ? '%' : ''}`;
}

/**
 * A percentage measured over repeats as "mean ± s.d." ("53.1 ± 2.4"); a single value has no s.d.
 * and reads "53.1 ± —"; null (not measured) reads "—". No % sign: cells sit under a "(%)" header.
 */
export function formatMeanSd(summary: Summary | null, decimals = 1): string {
  if (!summary) return '—';
  return `${formatFixed(summary.mean, decimals)} ± ${summary.sd === null ? '—' : formatFixed(summary.sd, decimals)}`;
}

/** The min–max range of a percentage over repeats ("50.0–56.3"); "—" for one value (no spread) or none. */
export function formatRange(summary: Summary | null, decimals = 1): string {
  if (!summary || summary.n < 2) return '—';
  return `${formatFixed(summary.min, decimals)}–${formatFixed(summary.max, decimals)}`;
}

/**
 * ε in input units ([0, 1]); on images also as x/255, the unit papers quote (8/255 on CIFAR-10).
 * The x/255 part keeps one decimal only when ε is not a whole number of 1/255 steps.
 */
export function formatEpsilon(epsilon: number, { image = false, norm = 'linf' }: { image?: boolean; norm?: 'linf' | 'l2' } = {}): string {
  const decimal = formatDecimal(epsilon, 4);
  // An L2 radius is not counted in grey levels: no x/255, and the norm named.
  if (norm === 'l2') return `${decimal} (L2)`;
  if (!image) return decimal;
  return `${decimal} (${formatDecimal(epsilon * 255, 1)}/255)`;
}

/** Seconds as a person reads a duration: "0.4 s", "2.5 s", "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  // Short runs (an epoch on a GPU) keep a decimal: "0 s" would say nothing.
  if (seconds < 9.95) return `${formatDecimal(seconds, 1)} s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/**
 * One formatter for every date on screen, made on first use: `toLocaleString` with options builds
 * a new `Intl.DateTimeFormat` per call, and the run history's rows doing that on each refresh made
 * a 50 ms main-thread task in a trace of a default run.
 */
let dateTimeFormat: Intl.DateTimeFormat | undefined;

/** A moment (ms since 1970) in the reader's locale, short: e.g. "02/12/2026, 10:31". */
export function formatDateTime(ms: number): string {
  dateTimeFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });
  return dateTimeFormat.format(ms);
}

/** A detector check's number by its unit: '%' a percentage ("53.1%"), 'z' a z-score ("2.61"), '' any quantity ("0.0123", "2.5e-5"). */
export function formatMeasure(value: number, unit: '%' | 'z' | ''): string {
  if (unit === '%') return formatPercent(value);
  if (unit === 'z') return formatFixed(value, 2);
  return formatSignificant(value);
}
