/**
 * Pause, resume, stop and live settings for a running experiment. Pure TypeScript: the
 * worker calls its methods when messages arrive, the training loop calls `checkpoint()`
 * between batches.
 */
import type { Emit, JobLifecycleEvent } from '../shared/events';

/** Thrown out of the training loop when the user stops a run. */
export class StopSignal extends Error {
  constructor() {
    super('Run stopped');
    this.name = 'StopSignal';
  }
}

/** Settings that may change while a run is going; read at the start of every batch. */
export interface LiveParams {
  tau: number;
  lambda: number;
}

/**
 * Yield to the event loop with a macrotask, so messages (pause, stop, new τ) are handled
 * between batches. setTimeout would be clamped to ≥ 4 ms per batch in browsers.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Told when a pause takes effect and when the loop goes on. */
export interface PauseListener {
  onPause(): void;
  onResume(): void;
}

/** A listener that reports pauses as `paused` and `resumed` events. */
export function pauseEvents(emit: Emit<JobLifecycleEvent>): PauseListener {
  return { onPause: () => emit({ type: 'paused' }), onResume: () => emit({ type: 'resumed' }) };
}

export class RunControl {
  private paused = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  /** Checkpoints a paused loop may pass (Step), each one batch. */
  private steps = 0;
  /** Whether the listener has been told of the pause in force (a step does not end it). */
  private pauseAnnounced = false;

  /**
   * @param live     τ and λ at the start; `setLive` changes them between batches
   * @param listener told when a pause takes effect in the loop and when the loop goes on (the
   *                 owner of the control wires it once, e.g. to `pauseEvents(emit)`)
   */
  constructor(public live: LiveParams, private readonly listener: PauseListener | null = null) {}

  get isPaused(): boolean {
    return this.paused;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  /**
   * While paused: let the loop through one checkpoint — one batch — then hold it again at the
   * next, still paused (tensorflow/playground's Step). Ignored when not paused.
   */
  step(): void {
    if (!this.paused || this.stopped) return;
    this.steps++;
    this.wake?.();
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  setLive(params: Partial<LiveParams>): void {
    this.live = { ...this.live, ...params };
  }

  /**
   * Called between batches: lets pending messages in, waits while paused, throws
   * `StopSignal` once stopped.
   */
  async checkpoint(): Promise<void> {
    await yieldToEventLoop();
    if (this.stopped) throw new StopSignal();
    if (!this.paused) {
      this.steps = 0;
      return;
    }
    if (!this.pauseAnnounced) {
      this.pauseAnnounced = true;
      this.listener?.onPause();
    }
    while (this.paused && !this.stopped && this.steps === 0) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    if (this.stopped) throw new StopSignal();
    if (this.paused) {
      this.steps--; // one batch, then held again at the next checkpoint
      return;
    }
    this.pauseAnnounced = false;
    this.listener?.onResume();
  }
}
