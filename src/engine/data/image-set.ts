/**
 * An image data set as loaded: uint8 pixels, HWC, kept compact (CIFAR-10's 60 000 images are
 * 184 MB as bytes and four times that as floats). A run converts only the subset it uses.
 */
import type { Dataset, Split } from './types';

export interface ImageSplit {
  /** `n × height × width × channels` bytes, row-major HWC. */
  pixels: Uint8Array;
  /** Class indices, length `n`. */
  labels: Uint8Array;
  n: number;
}

export interface ImageSet {
  id: 'mnist' | 'fashion-mnist' | 'cifar10';
  /** Where it came from, in words ("4 files", a URL, a folder). */
  source: string;
  height: number;
  width: number;
  channels: number;
  classNames: string[];
  train: ImageSplit;
  test: ImageSplit;
}

export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
export const CIFAR_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
export const DIGIT_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The first `count` examples as floats in [0, 1] (pixel / 255). */
function toSplit(split: ImageSplit, count: number, pixelsPerImage: number): Split {
  const n = Math.min(count, split.n);
  const x = new Float32Array(n * pixelsPerImage);
  for (let i = 0; i < x.length; i++) x[i] = split.pixels[i] / 255;
  return { x, y: Int32Array.from(split.labels.subarray(0, n)), n };
}

/**
 * The Dataset a run trains on: the first `trainSize` / `testSize` examples of each split
 * (file sets come shuffled; MNIST is shuffled once when unpacked), inputs in [0, 1].
 */
export function imageDataset(set: ImageSet, trainSize: number, testSize: number): Dataset {
  const pixels = set.height * set.width * set.channels;
  return {
    id: set.id,
    inputShape: [set.height, set.width, set.channels],
    numClasses: set.classNames.length,
    classNames: set.classNames,
    train: toSplit(set.train, trainSize, pixels),
    test: toSplit(set.test, testSize, pixels),
  };
}

/** One line for the "Dataset status": counts, shape and source. */
export function describeImageSet(set: ImageSet): string {
  const fmt = (n: number) => n.toLocaleString('en-US');
  return `${fmt(set.train.n)} training + ${fmt(set.test.n)} test images, ${set.height}×${set.width}×${set.channels}, ` +
    `${set.classNames.length} classes, from ${set.source}`;
}

/** Check every label is a class index; name the file and the first bad label. */
export function firstBadLabel(labels: Uint8Array, classes: number): number {
  for (let i = 0; i < labels.length; i++) if (labels[i] >= classes) return i;
  return -1;
}
