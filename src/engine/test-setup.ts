// Unit tests run the engine on tfjs's cpu backend in Node (tfjs-node cannot install here): the
// page's last fallback stays covered. TEST_BACKEND=wasm runs the whole suite on wasm (measured on
// 2 cores: 591 tests pass there too, in 144 s of test time against 156 s on cpu — conv-heavy files
// 2–5× faster, small-MLP attack files up to 2× slower, wasm's per-kernel cost on tiny tensors).
import * as tf from '@tensorflow/tfjs';
import './backends/wasm-kernels';

await tf.setBackend(process.env.TEST_BACKEND === 'wasm' ? 'wasm' : 'cpu');
await tf.ready();
