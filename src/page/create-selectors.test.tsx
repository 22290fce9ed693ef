// @vitest-environment happy-dom
/** Generated hooks on a small store of two slices: each reads one field and wakes only for it. */
import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { createSelectors } from './create-selectors';
import { render } from './testing/render';

interface Small {
  run: { status: string; fraction: number; start: () => void };
  detector: { status: string };
  reset: () => void;
}

function smallStore() {
  const started: string[] = [];
  const store = createSelectors(
    create<Small>()((set) => ({
      run: { status: 'idle', fraction: 0, start: () => started.push('run') },
      detector: { status: 'idle' },
      reset: () => set((s) => ({ run: { ...s.run, status: 'idle', fraction: 0 } })),
    })),
  );
  return { store, started };
}

describe('createSelectors', () => {
  it('gives one hook per field of each slice and per root action, returning the field’s value', async () => {
    const { store, started } = smallStore();
    let seen: unknown[] = [];
    function Reader() {
      seen = [store.use.run.status(), store.use.run.fraction(), store.use.detector.status(), typeof store.use.reset()];
      store.use.run.start()();
      return null;
    }
    const page = await render(<Reader />);
    expect(seen).toEqual(['idle', 0, 'idle', 'function']);
    expect(started).toEqual(['run']);
    await page.unmount();
  });

  it('re-renders a reader of one field when that field changes, not when a sibling field or another slice does', async () => {
    const { store } = smallStore();
    let renders = 0;
    function Status() {
      renders++;
      return <span>{store.use.run.status()}</span>;
    }
    const page = await render(<Status />);
    expect(renders).toBe(1);
    await page.update(() => store.setState((s) => ({ run: { ...s.run, fraction: 0.5 } })));
    await page.update(() => store.setState({ detector: { status: 'running' } }));
    expect(renders).toBe(1);
    await page.update(() => store.setState((s) => ({ run: { ...s.run, status: 'running' } })));
    expect(renders).toBe(2);
    expect(page.container.textContent).toBe('running');
    await page.unmount();
  });
});
