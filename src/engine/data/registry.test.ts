import { describe, expect, it } from 'vitest';
import { DataNotLoadedError } from './errors';
import type { ImageSet } from './image-set';
import { ImageRegistry } from './registry';

const set = (source: string, n = 1): ImageSet => ({
  id: 'fashion-mnist', source, height: 28, width: 28, channels: 1, classNames: [],
  train: { pixels: new Uint8Array(784 * n), labels: new Uint8Array(n), n }, test: { pixels: new Uint8Array(0), labels: new Uint8Array(0), n: 0 },
});

describe('the image-set registry', () => {
  it('reads an embedded set through its loader once, however many ask at the same time', async () => {
    const registry = new ImageRegistry();
    let calls = 0;
    registry.setLoader('fashion-mnist', async () => (calls++, set('pack')));
    const [a, b] = await Promise.all([registry.require('fashion-mnist'), registry.require('fashion-mnist')]);
    expect(a).toBe(b);
    expect([calls, registry.version('fashion-mnist'), registry.hasLoader('fashion-mnist'), registry.hasLoader('cifar10')]).toEqual([1, 1, true, false]);
  });

  it('keeps files loaded while the embedded pack was on its way: they were asked for last', async () => {
    const registry = new ImageRegistry();
    let arrive!: (s: ImageSet) => void;
    registry.setLoader('fashion-mnist', () => new Promise((resolve) => (arrive = resolve)));
    const asked = registry.require('fashion-mnist');
    registry.put(set('4 files', 8));
    arrive(set('pack'));
    expect((await asked).source).toBe('4 files');
    expect(registry.get('fashion-mnist')?.source).toBe('4 files');
  });

  it('says how to load a set with no loader and nothing held', async () => {
    await expect(new ImageRegistry().require('cifar10')).rejects.toBeInstanceOf(DataNotLoadedError);
  });
});
