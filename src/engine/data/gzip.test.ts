import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DataFormatError } from './errors';
import { MAX_INFLATED_BYTES, maybeGunzip } from './gzip';

const bytes = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) % 251);

describe('maybeGunzip', () => {
  it('inflates gzip data exactly and passes other data through', async () => {
    expect(Array.from((await maybeGunzip({ name: 'a.gz', bytes: gzipSync(bytes) })).bytes)).toEqual(Array.from(bytes));
    expect((await maybeGunzip({ name: 'a.bin', bytes })).bytes).toBe(bytes);
  });

  it('refuses a .gz name without the gzip magic', async () => {
    await expect(maybeGunzip({ name: 'train-labels-idx1-ubyte.gz', bytes })).rejects.toThrow(
      new DataFormatError('train-labels-idx1-ubyte.gz', 'is named .gz but is not gzip data (no 1f 8b header)'),
    );
  });

  it('refuses truncated gzip data', async () => {
    const gz = gzipSync(bytes);
    await expect(maybeGunzip({ name: 't.gz', bytes: gz.subarray(0, gz.length - 40) })).rejects.toBeInstanceOf(DataFormatError);
    await expect(maybeGunzip({ name: 't.gz', bytes: gz.subarray(0, 10) })).rejects.toThrow(/t\.gz: gzip data is truncated/);
  });

  it('refuses a corrupt deflate stream', async () => {
    const gz = gzipSync(bytes);
    const bad = gz.slice();
    for (let i = 12; i < 40; i++) bad[i] ^= 0xa5;
    await expect(maybeGunzip({ name: 'c.gz', bytes: bad })).rejects.toBeInstanceOf(DataFormatError);
  });

  it('refuses, from the trailer alone, data that would inflate beyond the limit', async () => {
    const gz = gzipSync(bytes);
    new DataView(gz.buffer).setUint32(gz.length - 4, MAX_INFLATED_BYTES + 1, true);
    await expect(maybeGunzip({ name: 'bomb.gz', bytes: gz })).rejects.toThrow(/bomb\.gz: inflates to 1\.0 GB/);
  });
});
