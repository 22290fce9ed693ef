// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from './testing/render';
import { useThrottled } from './use-throttled';

let renders: number[] = [];
function Shown({ value }: { value: number }) {
  const shown = useThrottled(value, 300);
  renders.push(shown);
  return <p>{shown}</p>;
}

describe('useThrottled', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    renders = [];
  });
  afterEach(() => vi.useRealTimers());

  it('passes on at most one value per interval, and always the latest in the end', async () => {
    const page = await render(<Shown value={0} />);
    // Ten updates within 100 ms: the first arrives at once (nothing shown for an interval yet).
    for (let v = 1; v <= 10; v++) {
      await page.update(() => {
        page.rerender(<Shown value={v} />);
        vi.advanceTimersByTime(10);
      });
    }
    expect(page.container.textContent).toBe('1');
    await page.update(() => void vi.advanceTimersByTime(300));
    expect(page.container.textContent).toBe('10');
    // Values shown in between: 0, 1, 10 — never the eight in between.
    expect([...new Set(renders)]).toEqual([0, 1, 10]);
    await page.unmount();
  });
});
