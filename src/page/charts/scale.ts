/**
 * Axis arithmetic for the page's charts: domains and "nice" ticks, computed here so every chart
 * rounds its ticks the same way (recharts draws them). Pure functions, no DOM.
 */

export type ScaleKind = 'linear' | 'log';

/** Round tick steps (1, 2, 2.5 or 5 × 10^k) giving about `count` intervals across [min, max]. */
export function niceStep(min: number, max: number, count = 5): number {
  const raw = (max - min) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * Ticks for an axis over [min, max]: multiples of a nice step on a linear axis (whole numbers
 * only when `integer`), powers of ten on a log axis (with 2 and 5 between them when the range
 * spans less than two decades). Values are rounded to the step, so 3 × 0.05 reads 0.15.
 */
export function ticks(min: number, max: number, { scale = 'linear', integer = false, count = 5 }: { scale?: ScaleKind; integer?: boolean; count?: number } = {}): number[] {
  if (!(max > min)) return [min];
  if (scale === 'log') {
    const low = Math.floor(Math.log10(min));
    const high = Math.ceil(Math.log10(max));
    const multiples = Math.log10(max / min) <= 2 ? [1, 2, 5] : [1];
    const out: number[] = [];
    for (let k = low; k <= high; k++) for (const m of multiples) out.push(Number((m * 10 ** k).toPrecision(12)));
    return out.filter((t) => t >= min * (1 - 1e-9) && t <= max * (1 + 1e-9));
  }
  const step = integer ? Math.max(1, Math.round(niceStep(min, max, count))) : niceStep(min, max, count);
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  const out: number[] = [];
  for (let t = Math.ceil(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step) out.push(Number(t.toFixed(digits)));
  return out;
}

/**
 * The domain an axis shows: the data's extent, with either end fixed by the caller, widened so a
 * flat series still gets an axis (and, on a log axis, kept above zero).
 */
export function domainOf(values: number[], fixed: [number | 'auto', number | 'auto'] = ['auto', 'auto'], scale: ScaleKind = 'linear'): [number, number] {
  const data = values.filter((v) => Number.isFinite(v) && (scale === 'linear' || v > 0));
  let low = fixed[0] === 'auto' ? Math.min(...data) : fixed[0];
  let high = fixed[1] === 'auto' ? Math.max(...data) : fixed[1];
  if (!Number.isFinite(low) || !Number.isFinite(high)) return scale === 'log' ? [0.1, 1] : [0, 1];
  if (high === low) {
    if (scale === 'log') [low, high] = [low / 2, high * 2];
    else [low, high] = fixed[0] === 'auto' ? [low - 1, high + 1] : [low, low + 1];
  }
  return [low, high];
}
