/** Test-size settings the page takes from its address (e.g. `detectorSubset=16`), outside the validated Config. */

/** The positive whole number in URL parameter `name`, or undefined when absent, not a number or not above 0. */
export function urlNumber(name: string): number | undefined {
  if (typeof location === 'undefined') return undefined;
  const value = Number(new URLSearchParams(location.search).get(name) ?? NaN);
  return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
}

/** URL parameter `name` when it is one of `options`, else undefined. */
export function urlChoice<T extends string>(name: string, options: readonly T[]): T | undefined {
  if (typeof location === 'undefined') return undefined;
  const value = new URLSearchParams(location.search).get(name);
  return options.find((o) => o === value);
}
