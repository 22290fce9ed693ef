#!/usr/bin/env -S npx tsx
// Rewrites public/data/fashion-mnist-subset.bin, the committed embedded Fashion-MNIST, from the four
// standard IDX files (format and choice of images: src/engine/data/fashion-pack.ts). Not needed to
// install or run: the pack is committed. Usage: npm run pack:fashion [dir] (default Debian's folder).
import { DEBIAN_FASHION_MNIST_DIR } from '../src/hosts/node/local-folder';
import { FASHION_PACK_PATH, writeFashionPack } from '../src/hosts/node/fashion-pack';

const dir = process.argv[2] ?? DEBIAN_FASHION_MNIST_DIR;
const bytes = await writeFashionPack(dir);
console.log(`pack-fashion: wrote ${FASHION_PACK_PATH} (${bytes} bytes) from ${dir}`);
