/**
 * The soft-label inspector's slice: the teacher's logits on a few test points, fetched once per
 * run whose teacher is ready. τ is not stored here: the inspector reads the slider's value and
 * applies softmax(q/τ) as it renders.
 */
import type { SoftLabelSample } from '../../hosts/worker/api';
import { engine } from '../../hosts/worker/client';
import { errorText } from '../../shared/error-text';
import type { SliceCreator } from '../store-slice';

/** How many test points the inspector shows: half near the teacher's boundary, half far from it. */
export const INSPECTED_POINTS = 6;

export interface SoftLabelSlice {
  sample: SoftLabelSample | null;
  /** The run whose teacher `sample` comes from (null before any fetch). */
  runId: number | null;
  error: string | null;
  /** Fetch the teacher's logits for run `runId` (a no-op if they are already here). */
  load: (runId: number) => Promise<void>;
}

export const createSoftLabelSlice: SliceCreator<SoftLabelSlice, { softLabels: SoftLabelSlice }> = (patch, get) => {
  const current = () => get().softLabels.runId;
  return {
    sample: null,
    runId: null,
    error: null,
    async load(runId) {
      if (current() === runId) return;
      patch({ runId, sample: null, error: null });
      try {
        const sample = await engine().softLabels(INSPECTED_POINTS);
        if (current() !== runId) return;
        // Null: the engine holds no teacher for this run (stopped before it finished, or replaced since).
        if (sample) patch({ sample });
        else patch({ error: 'The engine holds no teacher for this run (it stopped before the teacher finished, or a later run replaced it).' });
      } catch (error) {
        if (current() === runId) patch({ error: `Soft labels: ${errorText(error)}` });
      }
    },
  };
};
