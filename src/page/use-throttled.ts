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
/**
 * Throttled updates take turns: one chart's update renders and commits, then the next starts in a
 * later task. recharts' commit re-renders a chart synchronously from its own effects, so the
 * run's three charts updating in one render was one task of their summed cost; one at a time,
 * each is its own (shorter) task.
 */
const turns: Array<() => void> = [];
let turnTaken = false;

function nextTurn(): void {
  const take = turns.shift();
  turnTaken = take !== undefined;
  take?.();
}

function awaitTurn(take: () => void): void {
  turns.push(take);
  if (!turnTaken) nextTurn();
}

/** The turn ends: the next queued update starts in a later task. */
function endTurn(): void {
  setTimeout(nextTurn, 0);
}

/**
 * `value`, passed on at most once per `intervalMs` (the latest one always arrives, at most
 * `intervalMs` late, plus its turn behind other charts' updates). The update is a transition, so
 * React may render it in slices between input events instead of in one long task.
 */
export function useThrottled<T>(value: T, intervalMs = CHART_INTERVAL_MS): T {
  const [shown, setShown] = useState(value);
  const lastShownAt = useRef(-Infinity);
  const latest = useRef(value);
  /** This hook's update holds the turn until it commits. */
  const holding = useRef(false);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  useEffect(() => {
    if (holding.current) {
      holding.current = false;
      endTurn();
    }
  }, [shown]);
  useEffect(
    () => () => {
      if (holding.current) endTurn();
    },
    [],
  );
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(0, lastShownAt.current + intervalMs - performance.now());
    let cancelled = false;
    const timer = setTimeout(
      () =>
        awaitTurn(() => {
          if (cancelled || Object.is(latest.current, shown)) return endTurn();
          lastShownAt.current = performance.now();
          holding.current = true;
          startTransition(() => setShown(latest.current));
        }),
      wait,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [value, shown, intervalMs]);
  return shown;
}
