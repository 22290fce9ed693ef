/**
 * A convolution's two gradients written as forward convolutions, for a backend whose Conv2D is
 * fast (wasm's runs on XNNPACK) but whose gradient kernels are missing (wasm 4.22 has no
 * Conv2DBackpropFilter: a conv layer cannot train there) or slow (its Conv2DBackpropInput is a
 * plain loop). Both are exact rewrites of the same sums, so results agree up to float rounding.
 *
 * Notation (NHWC): x [b, H, W, i], filter w [fh, fw, i, o], dy [b, oh, ow, o], stride s, and the
 * forward pass's padding top/left; y[b, p, q, o] = Σ x[b, p·s − top + r, q·s − left + c, i]·w[r, c, i, o].
 */
import * as tf from '@tensorflow/tfjs';
import { KernelCalls, type Pad4 } from './kernel-calls';

interface ConvGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** A kernel's own layout restriction, named with the kernel and the attribute. */
export class UnsupportedLayoutError extends Error {
  constructor(kernelName: string, dataFormat: string) {
    super(`${kernelName} (engine/backends/conv-grads.ts): dataFormat '${dataFormat}' is not supported, only 'NHWC' (channels last)`);
    this.name = 'UnsupportedLayoutError';
  }
}

function convInfo(kernelName: string, xShape: number[], filterShape: number[], a: ConvGradAttrs) {
  if (a.dataFormat === 'NCHW') throw new UnsupportedLayoutError(kernelName, a.dataFormat);
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    a.strides, 1, a.pad, a.dimRoundingMode, false, 'channelsLast',
  );
}

/**
 * dW[r, c, i, o] = Σ_{b,p,q} x[b, p·s − top + r, q·s − left + c, i] · dy[b, p, q, o]: a convolution
 * of the images xᵀ [i, H, W, b] (batch as channels) with the filter dyᵀ [oh, ow, b, o] dilated by
 * s, stride 1, output [i, fh, fw, o]. Bottom/right padding makes the output exactly fh × fw; where
 * the forward pass never reached the last rows (valid padding, stride > 1), they are cropped.
 */
export function conv2DBackpropFilterAsConv(backendName: string): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const a = attrs as unknown as ConvGradAttrs & { filterShape: [number, number, number, number] };
    const info = convInfo('Conv2DBackpropFilter', x.shape, a.filterShape, a);
    const { inHeight, inWidth, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } = info;
    const { top, left } = info.padInfo;
    const k = new KernelCalls(backend as tf.KernelBackend, backendName, 'Conv2DBackpropFilter');
    try {
      const bottom = filterHeight + (outHeight - 1) * strideHeight - inHeight - top;
      const right = filterWidth + (outWidth - 1) * strideWidth - inWidth - left;
      const images = k.sliceHW(k.transpose(x, [3, 1, 2, 0]), 0, 0, inHeight + Math.min(0, bottom), inWidth + Math.min(0, right));
      const filter = k.transpose(dy, [1, 2, 0, 3]);
      const pad: Pad4 = [[0, 0], [top, Math.max(0, bottom)], [left, Math.max(0, right)], [0, 0]];
      const dW = k.conv2d(images, filter, pad, [1, 1], [strideHeight, strideWidth]);
      return k.keep(k.transpose(dW, [1, 2, 0, 3]));
    } finally {
      k.dispose();
    }
  };
}

/**
 * dx[b, h, w, i] = Σ_{r,c,o} dy[b, (h + top − r)/s, (w + left − c)/s, o] · w[r, c, i, o] (where
 * the division is exact): a full convolution of dy, with s − 1 zeros put between its rows and
 * columns, by the filter flipped in space with its channels swapped, [fh, fw, o, i].
 */
export function conv2DBackpropInputAsConv(backendName: string): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const a = attrs as unknown as ConvGradAttrs & { inputShape: [number, number, number, number] };
    const info = convInfo('Conv2DBackpropInput', a.inputShape, filter.shape, a);
    const { batchSize, inHeight, inWidth, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
    const { top, left } = info.padInfo;
    const k = new KernelCalls(backend as tf.KernelBackend, backendName, 'Conv2DBackpropInput');
    try {
      let spread = dy;
      if (strideHeight > 1 || strideWidth > 1) {
        // [b, oh, 1, ow, 1, o] padded to [b, oh, s, ow, s, o] is dy with zeros between, [b, oh·s, ow·s, o].
        const six = k.reshape(dy, [batchSize, outHeight, 1, outWidth, 1, outChannels]);
        const paddings = [[0, 0], [0, 0], [0, strideHeight - 1], [0, 0], [0, strideWidth - 1], [0, 0]];
        spread = k.reshape(k.call('PadV2', { x: six }, { paddings, constantValue: 0 }), [batchSize, outHeight * strideHeight, outWidth * strideWidth, outChannels]);
      }
      // A full convolution pads by filter − 1 − the forward padding; where that is negative (an
      // explicit padding wider than the filter), or past the spread dy's zeros, crop instead.
      const padTop = filterHeight - 1 - top;
      const padLeft = filterWidth - 1 - left;
      const bottom = inHeight + filterHeight - 1 - padTop - spread.shape[1];
      const right = inWidth + filterWidth - 1 - padLeft - spread.shape[2];
      const cropTop = Math.max(0, -padTop);
      const cropLeft = Math.max(0, -padLeft);
      const source = k.sliceHW(spread, cropTop, cropLeft, spread.shape[1] - cropTop + Math.min(0, bottom), spread.shape[2] - cropLeft + Math.min(0, right));
      const flipped = k.transpose(k.call('Reverse', { x: filter }, { dims: [0, 1] }), [0, 1, 3, 2]);
      const pad: Pad4 = [[0, 0], [Math.max(0, padTop), Math.max(0, bottom)], [Math.max(0, padLeft), Math.max(0, right)], [0, 0]];
      return k.keep(k.conv2d(source, flipped, pad, [1, 1], [1, 1]));
    } finally {
      k.dispose();
    }
  };
}
