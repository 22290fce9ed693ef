/**
 * Where the browser finds tfjs's wasm binaries: the project's own origin. Vite emits the three
 * `.wasm` files of @tensorflow/tfjs-backend-wasm as assets of the build (and serves them from
 * node_modules in `npm run dev`), and tfjs fetches the one this browser can run. Without this tfjs
 * would look for them beside its own script, which a bundle does not have. Imported before a
 * backend is chosen.
 *
 * Threads stay off. Cross-origin isolated (the dev server and `vite preview` send COOP/COEP),
 * tfjs 4.22 picks its threaded build, whose pthread workers run the wasm factory's source text as
 * a Blob; bundled and minified, that text names helpers defined outside it, every worker dies with
 * "ReferenceError: e is not defined" and the backend never finishes starting (the page stayed at
 * "starting…"; the same class as tfjs #4107). Single-threaded SIMD is what the bench measures.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { explainSingleThread } from '../../engine/backends/probe';
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

setWasmPaths({
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd,
});

tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
explainSingleThread('tfjs 4.22\'s threaded wasm does not start from a bundle');
