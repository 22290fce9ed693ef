import { describe, expect, it } from 'vitest';
import { type LiveChange, LiveWatch } from './live';

describe('LiveWatch', () => {
  it('reports a τ/λ change once, at the batch that first uses it', () => {
    const changes: LiveChange[] = [];
    const watch = new LiveWatch({ tau: 5, lambda: 6 }, (c) => changes.push(c));
    expect(watch.take({ tau: 5, lambda: 6 }, 1, 1, 4)).toEqual({ tau: 5, lambda: 6 });
    expect(watch.take({ tau: 2, lambda: 6 }, 1, 2, 4)).toEqual({ tau: 2, lambda: 6 });
    watch.take({ tau: 2, lambda: 6 }, 1, 3, 4);
    watch.take({ tau: 3, lambda: 4 }, 2, 1, 4);
    expect(changes).toEqual([
      { epoch: 1, batch: 2, batches: 4, params: { tau: 2, lambda: 6 }, changed: ['tau'] },
      { epoch: 2, batch: 1, batches: 4, params: { tau: 3, lambda: 4 }, changed: ['tau', 'lambda'] },
    ]);
  });
});
