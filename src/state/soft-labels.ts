/**
 * The soft-label inspector's store: the teacher's logits on a few test points, fetched once per
 * run whose teacher is ready. τ is not stored here: the inspector reads the slider's value and
 * applies softmax(q/τ) as it renders.
 */
import { create } from 'zustand';
import type { SoftLabelSample } from '../worker/api';
import { engine } from '../worker/client';

/** How many test points the inspector shows: half near the teacher's boundary, half far from it. */
export const INSPECTED_POINTS = 6;

interface SoftLabelState {
  sample: SoftLabelSample | null;
  /** The run whose teacher `sample` comes from (null before any fetch). */
  runId: number | null;
  error: string | null;
  /** Fetch the teacher's logits for run `runId` (a no-op if they are already here). */
  load: (runId: number) => Promise<void>;
}

export const useSoftLabels = create<SoftLabelState>((set, get) => ({
  sample: null,
  runId: null,
  error: null,
  async load(runId) {
    if (get().runId === runId) return;
    set({ runId, sample: null, error: null });
    try {
      const sample = await engine().softLabels(INSPECTED_POINTS);
      if (get().runId !== runId) return;
      // Null: the engine holds no teacher for this run (stopped before it finished, or replaced since).
      if (sample) set({ sample });
      else set({ error: 'The engine holds no teacher for this run (it stopped before the teacher finished, or a later run replaced it).' });
    } catch (error) {
      if (get().runId === runId) set({ error: `Soft labels: ${error instanceof Error ? error.message : String(error)}` });
    }
  },
}));
