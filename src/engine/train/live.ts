/**
 * Notices when τ or λ changed between two batches, so the change can be marked where it took
 * effect. The training loop reads the live settings once per batch through a watch.
 */
import type { LiveParams } from '../control';

export type LiveKey = keyof LiveParams;

/** A change of live settings, as it took effect. */
export interface LiveChange {
  epoch: number;
  /** The 1-based batch of `epoch` that first used the new settings. */
  batch: number;
  batches: number;
  params: LiveParams;
  /** Which of the settings differ from the previous batch's. */
  changed: LiveKey[];
}

export class LiveWatch {
  /**
   * @param used the settings the run started with.
   * @param onChange told once per batch whose settings differ from the batch before.
   */
  constructor(private used: LiveParams, private readonly onChange: (change: LiveChange) => void) {}

  /** The settings for batch `batch` of `epoch`, given what the control holds now. */
  take(current: LiveParams, epoch: number, batch: number, batches: number): LiveParams {
    const changed = (Object.keys(current) as LiveKey[]).filter((key) => current[key] !== this.used[key]);
    this.used = { ...current };
    if (changed.length > 0) this.onChange({ epoch, batch, batches, params: { ...current }, changed });
    return this.used;
  }
}
