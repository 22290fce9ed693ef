import { describe, expect, it } from 'vitest';
import { Rng } from '../../shared/rng';
import { buildCnn } from './cnn';

describe('the small CNN', () => {
  it('has the hand-counted parameters of conv(8)-pool-conv(16)-pool-dense(64)-dense(10) on 28×28', () => {
    const model = buildCnn({ inputShape: [28, 28, 1], numClasses: 10, channels: 8, hidden: 64, rng: new Rng(1) });
    // 3·3·1·8+8, 3·3·8·16+16, (5·5·16)·64+64, 64·10+10
    expect(model.countParams()).toBe(80 + 1168 + 25664 + 650);
    expect(model.outputs[0].shape).toEqual([null, 10]);
    model.dispose();
  });
});
