import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * How often a chart redraws at most. Fast runs (small data on a GPU) finish several epochs a
 * second; redrawing every chart for each of them kept the main thread busy in long tasks, while
 * nobody reads a chart faster than this.
 */
export const CHART_INTERVAL_MS = 300;

/**
 * `value`, passed on at most once per `intervalMs` (the latest one always arrives, at most
 * `intervalMs` late). The update is a transition, so React may render it in slices between input
 * events instead of in one long task.
 */
export function useThrottled<T>(value: T, intervalMs = CHART_INTERVAL_MS): T {
  const [shown, setShown] = useState(value);
  const lastShownAt = useRef(-Infinity);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(0, lastShownAt.current + intervalMs - performance.now());
    const timer = setTimeout(() => {
      lastShownAt.current = performance.now();
      startTransition(() => setShown(value));
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, intervalMs]);
  return shown;
}
