/**
 * Test-only: faults the e2e suite injects into the worker (src/shared/faults.ts). Loaded only when
 * the build was made with VITE_FAULTS=1 (engine.worker.ts), so `npm run build` leaves it out.
 */
import * as tf from '@tensorflow/tfjs';
import { isFault } from '../../shared/faults';

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
      case 'lose-device': {
        const device = (tf.backend() as unknown as { device?: { destroy?: () => void } }).device;
        device?.destroy?.();
        return;
      }
    }
  });
}
