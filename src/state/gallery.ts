/**
 * The adversarial gallery's store: which model and attack, and the last set of examples with
 * the model they were made on. URL parameters `galleryCount` and `galleryQueries` set the
 * number of test points and Square's budget (e.g. tiny ones for tests).
 */
import { create } from 'zustand';
import type { Config } from '../shared/config';
import type { AdversarialGallery, GalleryAttack, ModelRole } from '../worker/api';
import { engine } from '../worker/client';
import { useRun } from './run';

interface GalleryChoice {
  role: ModelRole;
  attack: GalleryAttack;
}

interface GalleryState extends GalleryChoice {
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

function urlNumber(name: string): number | undefined {
  if (typeof location === 'undefined') return undefined;
  const value = Number(new URLSearchParams(location.search).get(name) ?? NaN);
  return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
}

export const useGallery = create<GalleryState>((set, get) => ({
  role: 'student',
  attack: 'pgd',
  count: urlNumber('galleryCount') ?? 8,
  queries: urlNumber('galleryQueries') ?? 500,
  status: 'idle',
  gallery: null,
  galleryRole: null,

  set: (change) => set(change),

  async show(config) {
    const { role, attack, count, queries } = get();
    set({ status: 'running' });
    try {
      const gallery = await engine().adversarialExamples({
        role, config, attack, count, queries, epsilon: config.epsilon, steps: config.evalPgdSteps, seed: config.seed,
      });
      set({ status: 'done', gallery, galleryRole: role });
    } catch (error) {
      set({ status: 'error' });
      useRun.getState().alert(error instanceof Error ? error.message : String(error));
    }
  },
}));
