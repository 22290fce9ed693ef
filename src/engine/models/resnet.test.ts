import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../shared/rng';
import { buildResnet } from './resnet';

describe('the small ResNet', () => {
  it('has depth 6n + 2: ResNet-8 at n = 1 holds 7 convolutions, 2 shortcut convolutions and a dense layer', () => {
    const model = buildResnet({ inputShape: [32, 32, 3], numClasses: 10, width: 4, blocks: 1, rng: new Rng(1) });
    const convs = model.layers.filter((l) => l.getClassName() === 'Conv2D');
    expect(convs.length).toBe(1 + 3 * 2 + 2);
    expect(model.layers.filter((l) => l.getClassName() === 'Dense').length).toBe(1);
    expect(model.outputs[0].shape).toEqual([null, 10]);
    model.dispose();
  });

  it('counts its weights by hand (width 4, n = 1, 32×32×3)', () => {
    const model = buildResnet({ inputShape: [32, 32, 3], numClasses: 10, width: 4, blocks: 1, rng: new Rng(1) });
    const conv = (k: number, i: number, o: number) => k * k * i * o;
    const bn = (c: number) => 4 * c; // γ, β, moving mean, moving variance
    const stem = conv(3, 3, 4) + bn(4);
    const stage1 = 2 * (conv(3, 4, 4) + bn(4));
    const stage2 = conv(3, 4, 8) + conv(3, 8, 8) + 2 * bn(8) + conv(1, 4, 8) + bn(8);
    const stage3 = conv(3, 8, 16) + conv(3, 16, 16) + 2 * bn(16) + conv(1, 8, 16) + bn(16);
    expect(model.countParams()).toBe(stem + stage1 + stage2 + stage3 + 16 * 10 + 10);
    model.dispose();
  });

  it('halves the spatial size twice and uses batch statistics only in training', () => {
    const model = buildResnet({ inputShape: [8, 8, 3], numClasses: 10, width: 2, blocks: 1, rng: new Rng(2) });
    const lastConv = model.layers.filter((l) => l.getClassName() === 'Add').pop()!;
    expect(lastConv.outputShape).toEqual([null, 2, 2, 8]);
    tf.tidy(() => {
      const x = tf.randomUniform([4, 8, 8, 3], 0, 1, 'float32', 3);
      const inference = model.apply(x, { training: false }) as tf.Tensor;
      const training = model.apply(x, { training: true }) as tf.Tensor;
      expect(tf.max(tf.abs(tf.sub(inference, training))).dataSync()[0]).toBeGreaterThan(1e-4);
    });
    model.dispose();
  });
});
