/** Types of mnist-pack.mjs (plain JS: scripts/pack-mnist.mjs runs it with node before the build). */
export const MNIST_DIGITS_DIR: string;
export const MNIST_PACK_PATH: string;
export function packMnist(digitsDir?: string): Uint8Array;
export function writeMnistPack(outPath?: string, digitsDir?: string): boolean;
