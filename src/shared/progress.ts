/**
 * Fraction done and ETA for a whole run, emitted at most `maxPerSecond` times a second.
 * Work is counted in units of one forward+backward pass over a batch.
 */
import type { Emit, EventOf, Phase } from './events';

/**
 * Seconds left, from the time spent so far and the fraction done; null while an estimate would
 * be noise (the first steps compile shaders and warm caches).
 */
export function estimateEta(elapsedSeconds: number, fraction: number): number | null {
  return fraction > 0.02 && elapsedSeconds > 1 ? (elapsedSeconds * (1 - fraction)) / fraction : null;
}

export class ProgressTracker {
  private done = 0;
  private lastEmit = -Infinity;
  private readonly start = performance.now();

  constructor(
    private readonly total: number,
    private readonly emit: Emit<EventOf<'progress'>>,
    private readonly maxPerSecond = 10,
  ) {}

  /** Record `units` of finished work and maybe emit a progress event. */
  advance(units: number, phase: Phase, epoch: number, batch: number, batches: number, force = false): void {
    this.done += units;
    const now = performance.now();
    if (!force && now - this.lastEmit < 1000 / this.maxPerSecond) return;
    this.lastEmit = now;
    const fraction = Math.min(1, this.done / this.total);
    const elapsed = (now - this.start) / 1000;
    const etaSeconds = estimateEta(elapsed, fraction);
    this.emit({ type: 'progress', phase, epoch, batch, batches, fraction, etaSeconds });
  }
}
