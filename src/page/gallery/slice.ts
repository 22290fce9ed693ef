/**
 * The adversarial gallery's slice: which model and attack, and the last set of examples with
 * the model they were made on. URL parameters `galleryCount` and `galleryQueries` set the
 * number of test points and Square's budget (e.g. tiny ones for tests), `galleryTarget` the
 * target (`least-likely` or a class index; absent or anything else: untargeted).
 */
import type { Config } from '../../shared/config';
import type { AdversarialGallery, GalleryAttack, GalleryTarget, ModelRole } from '../../hosts/worker/api';
import { engine } from '../../hosts/worker/client';
import { errorText } from '../../shared/error-text';
import type { AlertsView } from '../alerts';
import { type BusyView, refuseIfBusy } from '../engine-busy';
import type { SliceCreator } from '../store-slice';
import { opened } from '../url';

interface GalleryChoice {
  role: ModelRole;
  attack: GalleryAttack;
  /** Untargeted, each point's least likely class, or one class (PGD only: Square stays untargeted). */
  target: GalleryTarget;
}

/** The address's `galleryTarget`: 'least-likely', a whole class index, else untargeted. */
export function parseGalleryTarget(raw: string | null): GalleryTarget {
  if (raw === 'least-likely') return 'least-likely';
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : 'untargeted';
}

export interface GallerySlice extends GalleryChoice {
  /** Test points to attack: the first N of the test split. */
  count: number;
  /** Square's query budget per example: modest, so the gallery answers in seconds. */
  queries: number;
  status: 'idle' | 'running' | 'done' | 'error';
  gallery: AdversarialGallery | null;
  /** The model the shown examples were made on. */
  galleryRole: ModelRole | null;
  set: (change: Partial<GalleryChoice>) => void;
  show: (config: Config) => Promise<void>;
}

/** What the gallery reads of the store: itself and the alerts. */
export interface GalleryView extends AlertsView, BusyView {
  gallery: GallerySlice;
}

export const createGallerySlice: SliceCreator<GallerySlice, GalleryView> = (patch, get) => {
  return {
    role: 'student',
    attack: 'pgd',
    target: parseGalleryTarget(opened.params.galleryTarget),
    count: opened.params.galleryCount,
    queries: opened.params.galleryQueries,
    status: 'idle',
    gallery: null,
    galleryRole: null,

    set: (change) => patch(change),

    async show(config) {
      if (refuseIfBusy(get(), 'Show examples')) return;
      const { role, attack, count, queries, target } = get().gallery;
      patch({ status: 'running' });
      try {
        const gallery = await engine().adversarialExamples({
          role, config, attack, count, queries, epsilon: config.epsilon, steps: config.evalPgdSteps, seed: config.seed,
          ...(attack === 'pgd' && target !== 'untargeted' ? { target } : {}),
        });
        patch({ status: 'done', gallery, galleryRole: role });
      } catch (error) {
        patch({ status: 'error' });
        get().alerts.alert(errorText(error));
      }
    },
  };
};
