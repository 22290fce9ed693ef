/**
 * Test-only: faults the e2e suite injects into the worker (src/shared/faults.ts). Loaded only when
 * the build was made with VITE_FAULTS=1 (engine.worker.ts), so `npm run build` leaves it out.
 */
import * as tf from '@tensorflow/tfjs';
import { isFault } from '../../shared/faults';

/** The optimisers the engine makes (engine/train/optimizer.ts): each overrides applyGradients itself. */
const OPTIMIZERS = [tf.SGDOptimizer, tf.MomentumOptimizer, tf.AdamOptimizer];

/** The next applyGradients of any optimiser, once: step as usual, then fill the variables it stepped with NaN. */
function poisonNextStep(): void {
  type Step = (this: tf.Optimizer, grads: tf.NamedTensorMap | Array<{ name: string; tensor: tf.Tensor }>) => void;
  const originals = OPTIMIZERS.map((C) => C.prototype.applyGradients as Step);
  const restore = () => OPTIMIZERS.forEach((C, i) => (C.prototype.applyGradients = originals[i] as never));
  OPTIMIZERS.forEach((C, i) => {
    C.prototype.applyGradients = function (this: tf.Optimizer, grads: tf.NamedTensorMap | Array<{ name: string; tensor: tf.Tensor }>) {
      restore();
      originals[i].call(this, grads);
      const names = Array.isArray(grads) ? grads.map((g) => g.name) : Object.keys(grads);
      const variables = tf.engine().registeredVariables;
      tf.tidy(() => names.forEach((name) => variables[name]?.assign(tf.fill(variables[name].shape, NaN))));
    } as never;
  });
}

export function installFaults(scope: { addEventListener(type: 'message', listener: (event: MessageEvent) => void): void } = self): void {
  scope.addEventListener('message', (event) => {
    if (!isFault(event.data)) return;
    switch (event.data.fault) {
      case 'throw':
        // A task of its own: outside every try of the engine, as a bug in a callback would be.
        setTimeout(() => {
          throw new Error('injected fault: an exception outside the engine');
        });
        return;
      case 'hang':
        // As a worker out of memory or in a runaway loop: the thread never yields again.
        while (performance.now() >= 0) {
          // spin
        }
        return;
      case 'nan-loss':
        poisonNextStep();
        return;
      case 'lose-device': {
        const device = (tf.backend() as unknown as { device?: { destroy?: () => void } }).device;
        device?.destroy?.();
        return;
      }
    }
  });
}
