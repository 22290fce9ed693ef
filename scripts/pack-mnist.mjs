#!/usr/bin/env node
// Writes public/data/mnist-digits.bin, the embedded default data set (format: src/hosts/node/mnist-pack.mjs).
import { statSync } from 'node:fs';
import { MNIST_PACK_PATH, writeMnistPack } from '../src/hosts/node/mnist-pack.mjs';

const wrote = writeMnistPack();
console.log(wrote ? `pack-mnist: wrote ${MNIST_PACK_PATH} (${statSync(MNIST_PACK_PATH).size} bytes)` : 'pack-mnist: up to date');
