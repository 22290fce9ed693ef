/**
 * Fraction done and ETA for a whole run, emitted at most `maxPerSecond` times a second.
 * Work is counted in units of one forward+backward pass over a batch.
 */
import type { EmitFn, Phase } from './events';

export class ProgressTracker {
  private done = 0;
  private lastEmit = -Infinity;
  private readonly start = performance.now();

  constructor(
    private readonly total: number,
    private readonly emit: EmitFn,
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
    // Too early an estimate is noise (shader compilation, warm-up): say nothing yet.
    const etaSeconds = fraction > 0.02 && elapsed > 1 ? (elapsed * (1 - fraction)) / fraction : null;
    this.emit({ type: 'progress', phase, epoch, batch, batches, fraction, etaSeconds });
  }
}
