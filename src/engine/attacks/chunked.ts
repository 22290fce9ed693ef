/**
 * Any attack on a large evaluation subset, run on consecutive slices so it fits GPU memory
 * (a ResNet on 10 000 CIFAR points at once would not; accuracy() chunks for the same reason).
 *
 * Every attack is per-example, so the merged result is the concatenation of the chunks'
 * results, in order. Only the random draws differ from one big batch: a chunk draws its random
 * starts (PGD), stripes and windows (Square) or signs (noise) for its own shape and seed. Chunk 0
 * keeps the caller's seed and chunk i > 0 gets a seed derived from it and i, so a result is
 * deterministic for a given seed and chunk size, and a chunk size ≥ n gives exactly the
 * unchunked result; a different chunk size gives different (equally valid) random draws.
 */
import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../models';
import { Rng } from '../../shared/rng';
import type { AttackResult } from './types';

/** Examples per chunk when the caller does not say. */
export const DEFAULT_ATTACK_CHUNK = 256;

/** The shared shape of every attack (pgd, fgsm, square, noise). */
export type AttackFn<O> = (model: Classifier, x: tf.Tensor, y: tf.Tensor1D, options: O) => Promise<AttackResult>;

/** A chunk size that is not a positive integer. */
export class ChunkSizeError extends Error {
  constructor(readonly chunkSize: number) {
    super(`attacks/chunked.ts: chunkSize must be a positive integer, got ${chunkSize}`);
    this.name = 'ChunkSizeError';
  }
}

/** The seed chunk `index` runs with: the caller's for chunk 0, an independent stream's for the others. */
export function chunkSeed(seed: number, index: number): number {
  return index === 0 ? seed : new Rng(seed).fork(`chunk-${index}`).seed();
}

function optionsFor<O extends object>(options: O, index: number): O {
  if (!('seed' in options) || typeof options.seed !== 'number') return options;
  return { ...options, seed: chunkSeed(options.seed, index) };
}

/**
 * Run `attack` on slices of at most `chunkSize` examples and merge the results exactly.
 *
 * @param options the attack's options; a numeric `seed` in them is replaced per chunk (see above)
 * @param chunkSize examples per attack call (default 256)
 * @param onChunk told before each chunk starts: its index and the number of chunks (for progress)
 */
export async function inChunks<O extends object>(
  attack: AttackFn<O>,
  model: Classifier,
  x: tf.Tensor,
  y: tf.Tensor1D,
  options: O,
  chunkSize = DEFAULT_ATTACK_CHUNK,
  onChunk?: (index: number, count: number) => void,
): Promise<AttackResult> {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new ChunkSizeError(chunkSize);
  const n = x.shape[0];
  const count = Math.max(1, Math.ceil(n / chunkSize));
  if (count === 1) {
    onChunk?.(0, 1);
    return attack(model, x, y, options);
  }
  const parts: AttackResult[] = [];
  try {
    for (let index = 0; index < count; index++) {
      onChunk?.(index, count);
      const start = index * chunkSize;
      const size = Math.min(chunkSize, n - start);
      const xs = x.slice(start, size);
      const ys = y.slice(start, size);
      try {
        parts.push(await attack(model, xs, ys, optionsFor(options, index)));
      } finally {
        tf.dispose([xs, ys]);
      }
    }
    return merge(parts);
  } catch (error) {
    tf.dispose(parts.map((p) => p.xAdv));
    throw error;
  }
}

/** Concatenate the chunks' results in order; disposes the chunks' xAdv. */
function merge(parts: AttackResult[]): AttackResult {
  const join = <T extends Uint8Array | Int32Array>(arrays: T[], make: (n: number) => T): T => {
    const out = make(arrays.reduce((sum, a) => sum + a.length, 0));
    let offset = 0;
    for (const a of arrays) {
      out.set(a, offset);
      offset += a.length;
    }
    return out;
  };
  const xAdv = tf.concat(parts.map((p) => p.xAdv));
  tf.dispose(parts.map((p) => p.xAdv));
  const queries = parts.every((p) => p.queries) ? join(parts.map((p) => p.queries!), (n) => new Int32Array(n)) : undefined;
  return {
    xAdv,
    cleanCorrect: join(parts.map((p) => p.cleanCorrect), (n) => new Uint8Array(n)),
    advCorrect: join(parts.map((p) => p.advCorrect), (n) => new Uint8Array(n)),
    ...(queries ? { queries } : {}),
  };
}
