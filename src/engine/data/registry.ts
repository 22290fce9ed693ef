/**
 * The image data sets this process holds. The worker fills it (files the person picks, a URL,
 * the embedded MNIST and Fashion-MNIST subset fetched on first use); Node tests and the CLI fill it from disk. Each set
 * has a version that changes on every load, so caches keyed on the data (the teacher) notice.
 */
import { DATASET_LABELS } from '../../shared/config';
import { DataNotLoadedError } from './errors';
import type { ImageSet } from './image-set';

export type ImageDatasetId = ImageSet['id'];

/** How to get a set that is not loaded yet (e.g. fetch an embedded pack); files loaded later replace what it gave. */
export type ImageLoader = () => Promise<ImageSet>;

const HINTS: Record<ImageDatasetId, string> = {
  mnist: 'the embedded digits could not be fetched',
  'fashion-mnist': 'its embedded subset is not available here; pick its four IDX files in "Data files", or load them from a URL',
  cifar10: 'pick data_batch_1..5.bin and test_batch.bin (or cifar-10-binary.tar.gz) in "Data files", or load from a URL',
};

export class ImageRegistry {
  private sets = new Map<ImageDatasetId, ImageSet>();
  private loaders = new Map<ImageDatasetId, ImageLoader>();
  private pending = new Map<ImageDatasetId, Promise<ImageSet>>();
  private versions = new Map<ImageDatasetId, number>();

  /** Hold `set`, replacing any earlier set of the same id. */
  put(set: ImageSet): void {
    this.sets.set(set.id, set);
    this.versions.set(set.id, (this.versions.get(set.id) ?? 0) + 1);
  }

  get(id: ImageDatasetId): ImageSet | null {
    return this.sets.get(id) ?? null;
  }

  /** 0 until the set is loaded, then 1, 2, … with each load. */
  version(id: ImageDatasetId): number {
    return this.versions.get(id) ?? 0;
  }

  setLoader(id: ImageDatasetId, loader: ImageLoader): void {
    this.loaders.set(id, loader);
  }

  /** Whether `require` can load the set itself (an embedded pack) rather than wait for files. */
  hasLoader(id: ImageDatasetId): boolean {
    return this.loaders.has(id);
  }

  /** The set, loading it once through its loader if needed; DataNotLoadedError when there is none. */
  async require(id: ImageDatasetId): Promise<ImageSet> {
    const held = this.sets.get(id);
    if (held) return held;
    const loader = this.loaders.get(id);
    if (!loader) throw new DataNotLoadedError(DATASET_LABELS[id], HINTS[id]);
    let pending = this.pending.get(id);
    if (!pending) {
      pending = loader()
        .then((set) => {
          // Files the person loaded while the embedded pack was on its way win: they were asked for last.
          const loaded = this.sets.get(id);
          if (loaded) return loaded;
          this.put(set);
          return set;
        })
        .finally(() => this.pending.delete(id));
      this.pending.set(id, pending);
    }
    return pending;
  }

  clear(): void {
    this.sets.clear();
    this.pending.clear();
  }
}

/** The process's registry (one per worker, one per test file). */
export const imageSets = new ImageRegistry();
