/** Types of scripts/pack-mnist.mjs, for the tests that call it. */
export const MNIST_DIGITS_DIR: string;
export const MNIST_PACK_PATH: string;
export function packMnist(digitsDir?: string): Uint8Array;
export function writeMnistPack(outPath?: string, digitsDir?: string): boolean;
