import { useEffect, useRef, useState } from 'react';

/**
 * The width of the element `ref` points at, followed as it resizes (`fallback` until the first
 * measurement, or without ResizeObserver). Measured only through ResizeObserver, which reports
 * after the browser's own layout: reading getBoundingClientRect on mount forced a layout of the
 * whole page, a long task of its own when a chart appeared.
 */
export function useWidth<T extends HTMLElement>(fallback = 560) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const measured = Math.floor(entry.contentRect.width);
      if (measured > 0) setWidth(measured);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}
