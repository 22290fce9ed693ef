import { describe, expect, it } from 'vitest';
import { DataFormatError } from './errors';
import { MAX_FILE_BYTES } from './files';
import { loadImageFiles, loadIntoRegistry } from './load-files';
import { ImageRegistry } from './registry';
import { fashionFiles } from './test-files';

describe('loading picked files', () => {
  it('refuses a 2 GB file by its size, before reading a byte', async () => {
    let read = false;
    const huge = { name: 'train-images-idx3-ubyte.gz', size: 2 * 2 ** 30, arrayBuffer: async () => ((read = true), new ArrayBuffer(0)) };
    await expect(loadImageFiles('fashion-mnist', [huge])).rejects.toThrow(
      new DataFormatError('train-images-idx3-ubyte.gz', 'the file is 2.0 GB, more than the 512.0 MB this page accepts'),
    );
    expect(read).toBe(false);
    expect(MAX_FILE_BYTES).toBeLessThan(2 * 2 ** 30);
  });

  it('refuses an empty file, naming it', async () => {
    await expect(loadImageFiles('cifar10', [{ name: 'test_batch.bin', bytes: new Uint8Array(0) }])).rejects.toThrow(
      new DataFormatError('test_batch.bin', 'the file is empty'),
    );
  });

  it('refuses files that are not the data set\'s, listing what it expects', async () => {
    await expect(loadImageFiles('cifar10', fashionFiles(2, 2))).rejects.toThrow(/not CIFAR-10 files: expected data_batch_1\.\.5\.bin/);
  });

  it('reads a real Blob/File (which has its own bytes() method) through arrayBuffer()', async () => {
    const files = fashionFiles(2, 2).map((f) => new File([f.bytes.slice()], f.name));
    expect(typeof (files[0] as unknown as { bytes?: unknown }).bytes).toBe('function');
    expect((await loadImageFiles('fashion-mnist', files)).train.n).toBe(2);
  });

  it('reads browser-style File objects lazily', async () => {
    const files = fashionFiles(3, 2).map((f) => ({ name: f.name, size: f.bytes.length, arrayBuffer: async () => f.bytes.slice().buffer }));
    const stages = new Set<string>();
    const set = await loadImageFiles('fashion-mnist', files, (p) => stages.add(p.stage));
    expect(set.train.n).toBe(3);
    expect([...stages]).toEqual(['reading', 'decompressing', 'parsing', 'done']);
  });

  it('keeps the previously loaded set when a later load fails', async () => {
    const registry = new ImageRegistry();
    const first = await loadIntoRegistry(registry, 'fashion-mnist', fashionFiles(3, 2));
    const broken = fashionFiles(4, 2);
    broken[0] = { name: broken[0].name, bytes: broken[0].bytes.subarray(0, 30) };
    await expect(loadIntoRegistry(registry, 'fashion-mnist', broken)).rejects.toBeInstanceOf(DataFormatError);
    expect(registry.get('fashion-mnist')).toBe(first);
    expect(registry.version('fashion-mnist')).toBe(1);
  });

  it('says how to load a file data set that is not loaded', async () => {
    await expect(new ImageRegistry().require('cifar10')).rejects.toThrow(/CIFAR-10 \(binary files\) is not loaded yet: pick data_batch_1\.\.5\.bin/);
  });
});
