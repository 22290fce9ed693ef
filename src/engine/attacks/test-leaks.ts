/** Test helper: every test in the enclosing describe must leave the tensor count as it found it. */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, expect } from 'vitest';

export function expectNoTensorLeaks(): void {
  let before = 0;
  beforeEach(() => void (before = tf.memory().numTensors));
  afterEach(() => expect(tf.memory().numTensors).toBe(before));
}
