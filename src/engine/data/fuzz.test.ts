/**
 * The parsers never trust a file: random bytes and valid files with mutated headers either
 * parse into a consistent set or throw DataFormatError — never another error, never a hang.
 */
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CIFAR_RECORD, parseCifarBatch } from './cifar';
import { DataFormatError } from './errors';
import { maybeGunzip } from './gzip';
import { parseIdx } from './idx';
import { loadImageFiles } from './load-files';
import { parseMnistPack } from './mnist';
import { cifarArchive, cifarFiles, fashionFiles } from './test-files';

async function outcome(run: () => unknown): Promise<'ok' | 'refused'> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    if (error instanceof DataFormatError) return 'refused';
    throw error;
  }
}

const bytes = fc.uint8Array({ minLength: 0, maxLength: 3 * CIFAR_RECORD });
const FASHION_NAMES = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

/** Overwrite a few bytes among the first `span` (the header) with arbitrary values. */
const mutation = (span: number) => fc.array(fc.tuple(fc.nat({ max: span - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 });
function mutate(data: Uint8Array, changes: Array<[number, number]>): Uint8Array {
  const out = data.slice();
  for (const [at, value] of changes) if (at < out.length) out[at] = value;
  return out;
}

describe('parsers under random input', () => {
  it('IDX and CIFAR parsers refuse random bytes with DataFormatError or parse consistently', async () => {
    await fc.assert(
      fc.asyncProperty(bytes, async (data) => {
        for (const dims of [1, 3] as const) {
          if ((await outcome(() => parseIdx('r', data, dims))) === 'ok') {
            const parsed = parseIdx('r', data, dims);
            expect(parsed.data.length).toBe(parsed.dims.reduce((a, b) => a * b, 1));
          }
        }
        if ((await outcome(() => parseCifarBatch('r', data))) === 'ok') expect(data.length % CIFAR_RECORD).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('gunzip, the MNIST pack and whole loads refuse random bytes under any file name', async () => {
    const names = ['x.gz', 'x.bin', ...FASHION_NAMES, 'train-images-idx3-ubyte.gz', 'test_batch.bin', 'data_batch_2.bin', 'cifar-10-binary.tar.gz', 'a.tar'];
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom(...names), fc.boolean(), async (data, name, gzip) => {
        const payload = gzip ? gzipSync(data) : data;
        await outcome(() => maybeGunzip({ name, bytes: payload }));
        await outcome(() => parseMnistPack(name, payload));
        await outcome(() => loadImageFiles('fashion-mnist', [{ name, bytes: payload }]));
        await outcome(() => loadImageFiles('cifar10', [{ name, bytes: payload }]));
      }),
      { numRuns: 200 },
    );
  });

  it('Fashion-MNIST files with mutated headers are refused or still describe their data', async () => {
    const valid = fashionFiles(3, 2, false);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 3 }), mutation(16), async (which, changes) => {
        const files = valid.map((f, i) => (i === which ? { name: f.name, bytes: mutate(f.bytes, changes) } : f));
        if ((await outcome(() => loadImageFiles('fashion-mnist', files))) === 'ok') {
          const set = await loadImageFiles('fashion-mnist', files);
          expect(set.train.pixels.length).toBe(set.train.n * 784);
          expect(set.test.labels.length).toBe(set.test.n);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('CIFAR-10 archives with mutated tar headers or gzip bytes are refused or parse whole records', async () => {
    const files = cifarFiles(1, 2);
    const archive = cifarArchive(files);
    const tar = (await maybeGunzip(archive)).bytes;
    // Half the runs write octal digits into the members' size fields (bytes 124–135 of the
    // headers at 0, 1024 and 8192), where a tar reader may be told to read past the end.
    const sizeField = fc.array(
      fc.tuple(fc.constantFrom(0, 1024, 8192), fc.nat({ max: 11 }), fc.integer({ min: 0x30, max: 0x37 }))
        .map(([h, i, v]): [number, number] => [h + 124 + i, v]),
      { minLength: 1, maxLength: 4 },
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.oneof(mutation(1536), sizeField), async (inTar, changes) => {
        const bytes = inTar ? gzipSync(mutate(tar, changes)) : mutate(archive.bytes, changes.map(([at, v]) => [at % 64, v]));
        if ((await outcome(() => loadImageFiles('cifar10', [{ name: archive.name, bytes }]))) === 'ok') {
          const set = await loadImageFiles('cifar10', [{ name: archive.name, bytes }]);
          expect(set.train.pixels.length).toBe(set.train.n * 3072);
        }
      }),
      { numRuns: 200 },
    );
  });
});
