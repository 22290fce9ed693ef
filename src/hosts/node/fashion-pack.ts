/**
 * Node only: writes the embedded Fashion-MNIST (format: src/engine/data/fashion-pack.ts) from
 * the four standard IDX files, and reads it back for the CLI and tests. The pack is committed,
 * so nothing here runs at install time; `npm run pack:fashion [dir]` rewrites it from Debian's
 * `dataset-fashion-mnist` (or any folder holding the four files).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeFashionPack, FASHION_PACK_NAME, FASHION_PER_CLASS, firstPerClass, parseFashionPack } from '../../engine/data/fashion-pack';
import { FASHION_CLASSES } from '../../engine/data/image-set';
import { imageSets } from '../../engine/data/registry';
import { loadFolder } from './local-folder';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The committed pack, served by Vite from public/. */
export const FASHION_PACK_PATH = join(root, 'public', 'data', FASHION_PACK_NAME);

/** The gzipped pack of the subset of the four IDX files in `dir`. */
export async function packFashion(dir: string): Promise<Uint8Array> {
  const full = await loadFolder('fashion-mnist', dir);
  const classes = FASHION_CLASSES.length;
  return encodeFashionPack(
    firstPerClass(`${dir}/train-images-idx3-ubyte`, full.train, classes, FASHION_PER_CLASS.train),
    firstPerClass(`${dir}/t10k-images-idx3-ubyte`, full.test, classes, FASHION_PER_CLASS.test),
  );
}

/** Pack `dir` into `outPath` (written aside and renamed, so a reader never sees half a file); returns its size in bytes. */
export async function writeFashionPack(dir: string, outPath = FASHION_PACK_PATH): Promise<number> {
  const packed = await packFashion(dir);
  mkdirSync(dirname(outPath), { recursive: true });
  const aside = `${outPath}.${process.pid}.tmp`;
  writeFileSync(aside, packed);
  renameSync(aside, outPath);
  return packed.length;
}

/** Let the registry read the committed pack the first time a run on Fashion-MNIST needs it (files loaded later replace it). */
export function registerNodeFashion(path = FASHION_PACK_PATH): void {
  imageSets.setLoader('fashion-mnist', async () => parseFashionPack(FASHION_PACK_NAME, new Uint8Array(readFileSync(path))));
}
