/**
 * WebGPU device loss (issue 21 §1): a driver reset, a laptop's sleep or the browser reclaiming the
 * GPU resolves tfjs's `GPUDevice.lost` and makes the next kernel throw. Nothing in tfjs recovers:
 * every tensor on that device is gone and `tf.setBackend('webgpu')` keeps the dead device. So the
 * engine watches `lost` of the device tfjs's webgpu backend holds, and once it has resolved, picks
 * the backend after webgpu in BACKEND_ORDER (the models on the dead device are dropped first by
 * the session) and says why, so the Backend status shows both.
 *
 * Kept apart from backend.ts (the search itself) so the two change independently.
 */
import * as tf from '@tensorflow/tfjs';
import { BACKEND_ORDER, type BackendInfo, type BackendName, selectBackend } from './backend';

/** What a GPUDevice's `lost` promise resolves with. */
export interface DeviceLostInfo {
  reason?: string;
  message?: string;
}

interface DeviceLike {
  lost: Promise<DeviceLostInfo>;
}

/** The device tfjs's running webgpu backend holds, or undefined on another backend. */
export const tfjsDevice = (): DeviceLike | undefined => (tf.backend() as unknown as { device?: DeviceLike }).device;

/** The backend after `lost` in `order`, or null if it was the last. */
export function nextBackend(lost: BackendName, order: readonly BackendName[] = BACKEND_ORDER): BackendName | null {
  const at = order.indexOf(lost);
  return at >= 0 && at + 1 < order.length ? order[at + 1] : null;
}

/** The loss in words: "the WebGPU device was lost (destroyed: Device was destroyed.)". */
export function lossText(info: DeviceLostInfo): string {
  const detail = [info.reason, info.message].filter(Boolean).join(': ');
  return `the WebGPU device was lost${detail ? ` (${detail})` : ''}`;
}

/** Thrown where a job failed because the device it ran on was lost: names the loss and the backend now running. */
export class DeviceLostError extends Error {
  constructor(readonly loss: string, readonly backend: BackendInfo) {
    super(`${loss[0].toUpperCase()}${loss.slice(1)}; the engine now runs on ${backend.name} (${backend.reason})`);
    this.name = 'DeviceLostError';
  }
}

/** Watches the running backend's device; `recover` moves to the next backend once it was lost. */
export class DeviceLossWatch {
  private lost: string | null = null;
  private watched: DeviceLike | undefined;
  /** Resolves once the watched device is lost (never while it lives). */
  private lostSignal: Promise<void> = new Promise(() => {});

  /**
   * @param device the device to watch (tfjs's webgpu device in the app; a fake in tests)
   * @param select how a backend is chosen from a preference on (backend.ts's search in the app)
   */
  constructor(
    private readonly device: () => DeviceLike | undefined = tfjsDevice,
    private readonly select: (preferred: BackendName) => Promise<BackendInfo> = selectBackend,
  ) {}

  /** Watch the device of the backend `info` names (after every selection: a new device is a new promise). */
  arm(info: BackendInfo): void {
    this.lost = null;
    const device = info.name === 'webgpu' ? this.device() : undefined;
    this.watched = device;
    this.lostSignal = device
      ? device.lost.then((lostInfo) => {
          if (this.watched === device) this.lost = lossText(lostInfo);
        })
      : new Promise(() => {});
  }

  /** Why the device was lost, or null while it lives (or the backend is not webgpu). */
  get loss(): string | null {
    return this.lost;
  }

  /**
   * Why the device was lost, waiting up to `ms` for `lost` to resolve: a dead device's next kernel
   * can fail before its `lost` promise settles (measured in Chromium: mapAsync rejected first),
   * so a job's error is only taken for a live device's after that wait. Null: no loss seen.
   */
  async lossWithin(ms: number): Promise<string | null> {
    if (this.lost !== null || this.watched === undefined) return this.lost;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.lostSignal, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
    return this.lost;
  }

  /**
   * If the device was lost: select the next backend in the order, watch it, and return the error
   * that names both; null when nothing was lost.
   */
  async recover(): Promise<DeviceLostError | null> {
    const loss = this.lost;
    if (loss === null) return null;
    const next = nextBackend('webgpu');
    if (next === null) throw new Error(`${lossText({})}, and no backend comes after webgpu`);
    const info = await this.select(next);
    this.arm(info);
    return new DeviceLostError(loss, { ...info, reason: `${loss}; ${info.reason}` });
  }
}
