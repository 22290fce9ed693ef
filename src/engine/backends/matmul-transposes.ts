/**
 * BatchMatMul with its transposes done first: wasm's kernel multiplies untransposed operands
 * through XNNPACK, but with transposeA or transposeB it takes a plain loop. Every dense layer's
 * gradients take that path (dW = xᵀ·dy, dx = dy·Wᵀ); for [128, 400]ᵀ·[128, 64] it measured
 * 3.2 ms against 0.8 ms transposed first. For small products the extra kernel costs more than
 * it saves, so below `minProduct` multiply-adds the stock kernel runs as it is.
 */
import * as tf from '@tensorflow/tfjs';
import { KernelCalls } from './kernel-calls';

/** Batch · rows · inner · columns below which the stock kernel's own transposes are cheaper (measured: 2¹⁷). */
export const MIN_PRODUCT = 1 << 17;

interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

const swapLast = (rank: number) => [...Array(rank - 2).keys(), rank - 1, rank - 2];

export function matMulTransposedFirst(backendName: string, stock: tf.KernelFunc, minProduct = MIN_PRODUCT): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as MatMulAttrs;
    if (!transposeA && !transposeB) return stock({ inputs, backend, attrs });
    const batch = Math.max(a.shape.slice(0, -2).reduce((n, d) => n * d, 1), b.shape.slice(0, -2).reduce((n, d) => n * d, 1));
    const rows = a.shape[a.shape.length - (transposeA ? 1 : 2)];
    const inner = a.shape[a.shape.length - (transposeA ? 2 : 1)];
    const columns = b.shape[b.shape.length - (transposeB ? 2 : 1)];
    if (batch * rows * inner * columns < minProduct) return stock({ inputs, backend, attrs });
    const k = new KernelCalls(backend as tf.KernelBackend, backendName, 'BatchMatMul');
    try {
      const left = transposeA ? k.transpose(a, swapLast(a.shape.length)) : a;
      const right = transposeB ? k.transpose(b, swapLast(b.shape.length)) : b;
      return stock({ inputs: { a: left, b: right }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
    } finally {
      k.dispose();
    }
  };
}
