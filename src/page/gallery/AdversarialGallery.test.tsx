// @vitest-environment happy-dom
/** The gallery's Target control and a targeted gallery's captions. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdversarialExample, AdversarialGallery as Gallery } from '../../hosts/worker/api';

vi.mock('../../hosts/worker/client', () => ({
  engine: () => {
    throw new Error('the gallery test must not call the engine');
  },
  callback: <T,>(f: T) => f,
}));

const { AdversarialGallery } = await import('./AdversarialGallery');
const { parseGalleryTarget } = await import('./slice');
const { byRole, render } = await import('../testing/render');
const { setSlice } = await import('../testing/store');

const example = (index: number, label: number, after: number, target: number): AdversarialExample => ({
  index, label, clean: Float32Array.from([0.5, 0.5]), adversarial: Float32Array.from([0.45, 0.5]), perturbation: Float32Array.from([-0.05, 0]),
  cleanPrediction: { label, confidence: 0.9 }, adversarialPrediction: { label: after, confidence: 0.6 },
  outcome: after === label ? 'held' : 'broken', target, reachedTarget: after === target,
});

const gallery = (target: Gallery['target'], examples: AdversarialExample[]): Gallery => ({
  attack: 'pgd', epsilon: 0.1, steps: 10, target, inputShape: [2], classNames: ['left', 'middle', 'right'], examples,
});

afterEach(() => setSlice('gallery', { gallery: null, galleryRole: null, status: 'idle', target: 'untargeted', attack: 'pgd' }));

describe('AdversarialGallery, targeted', () => {
  it('offers a Target select: untargeted, each class by name, least likely; off for Square', async () => {
    setSlice('run', { preview: { inputShape: [2], numClasses: 3, classNames: ['left', 'middle', 'right'], trainSize: 10, testSize: 10 } });
    const page = await render(<AdversarialGallery />);
    const [select] = byRole(page.container, 'combobox', /^Target/) as HTMLSelectElement[];
    expect([...select.options].map((o) => o.textContent)).toEqual(['untargeted', 'left', 'middle', 'right', 'least likely']);
    expect(select.value).toBe('untargeted');
    expect(select.disabled).toBe(false);
    await page.update(() => setSlice('gallery', { attack: 'square' }));
    expect(select.disabled).toBe(true);
    expect(page.container.textContent).toContain('Square runs untargeted');
    await page.unmount();
  });

  it('says targeted → the class in the caption, and per example whether the target was reached', async () => {
    setSlice('gallery', { gallery: gallery(2, [example(0, 0, 2, 2), example(1, 1, 0, 2), example(2, 2, 2, 2)]), galleryRole: 'student', status: 'done' });
    const page = await render(<AdversarialGallery />);
    const caption = page.container.querySelector('figcaption')!.textContent!;
    expect(caption).toContain('Targeted PGD-10, 1 restart (targeted → right, on the target’s cross-entropy), ε = 0.1');
    // Broken: right answer lost (0 → 2 and 1 → 0); the target reached where the model now says right.
    expect(caption).toContain('2 of 3 broken, target reached on 2 of 3.');
    const cells = [...page.container.querySelectorAll('td.example-mark')].map((td) => td.textContent);
    expect(cells).toEqual([
      '✗ broken; targeted → right: target reached', '✗ broken; targeted → right: target missed', '✓ held; targeted → right: target reached',
    ]);
    await page.unmount();
  });

  it('names the least likely class as the target, and says nothing of targets when untargeted', async () => {
    setSlice('gallery', { gallery: gallery('least-likely', [example(0, 0, 1, 1)]), galleryRole: 'student', status: 'done' });
    const page = await render(<AdversarialGallery />);
    expect(page.container.querySelector('figcaption')!.textContent).toContain('(targeted → least likely class, on the target’s cross-entropy)');
    await page.update(() => setSlice('gallery', { gallery: { ...gallery('untargeted', [{ ...example(0, 0, 1, 1), target: undefined, reachedTarget: undefined }]) } }));
    const text = page.container.querySelector('figcaption')!.textContent!;
    expect(text).toMatch(/^PGD-10, 1 restart, ε = /);
    expect(text).not.toContain('target');
    await page.unmount();
  });

  it('reads galleryTarget from the address: least-likely, a class index, else untargeted', () => {
    expect(parseGalleryTarget('least-likely')).toBe('least-likely');
    expect(parseGalleryTarget('3')).toBe(3);
    expect(parseGalleryTarget(null)).toBe('untargeted');
    expect(parseGalleryTarget('-1')).toBe('untargeted');
    expect(parseGalleryTarget('cat')).toBe('untargeted');
  });
});
