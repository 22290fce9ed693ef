/** The WebGPU device's loss is noticed, named, and answered with the next backend in the order. */
import { describe, expect, it } from 'vitest';
import type { BackendInfo, BackendName } from './backend';
import { DeviceLossWatch, DeviceLostError, lossText, nextBackend } from './device-loss';

/** A device whose `lost` the test resolves, and a selector that records what it was asked for. */
function fakes() {
  let lose!: (info: { reason?: string; message?: string }) => void;
  const device = { lost: new Promise<{ reason?: string; message?: string }>((resolve) => (lose = resolve)) };
  const asked: BackendName[] = [];
  const select = async (preferred: BackendName): Promise<BackendInfo> => {
    asked.push(preferred);
    return { name: preferred, reason: 'webgpu skipped on request' };
  };
  return { device, lose, asked, watch: new DeviceLossWatch(() => device, select) };
}

describe('device loss', () => {
  it('steps to the backend after the lost one in the order given, and to none after the last', () => {
    expect(nextBackend('webgpu', ['webgpu', 'webgl', 'cpu'])).toBe('webgl');
    // The order with wasm in it (another branch adds it to BACKEND_ORDER): the step follows the list.
    const withWasm = ['webgpu', 'webgl', 'wasm', 'cpu'] as unknown as BackendName[];
    expect(nextBackend('webgpu', withWasm)).toBe('webgl');
    expect(nextBackend('webgl', withWasm)).toBe('wasm');
    expect(nextBackend('cpu', ['webgpu', 'webgl', 'cpu'])).toBeNull();
    expect(nextBackend('webgpu', ['webgl', 'cpu'])).toBeNull(); // not in the order: nowhere to step from
  });

  it('says nothing and selects nothing while the device lives', async () => {
    const { watch, asked } = fakes();
    watch.arm({ name: 'webgpu', reason: 'adapter: x' });
    expect(watch.loss).toBeNull();
    expect(await watch.recover()).toBeNull();
    expect(asked).toEqual([]);
  });

  it('names the loss, moves to webgl, and says so with the reason on the new backend', async () => {
    const { watch, lose, asked } = fakes();
    watch.arm({ name: 'webgpu', reason: 'adapter: x' });
    lose({ reason: 'destroyed', message: 'Device was destroyed.' });
    await Promise.resolve();
    expect(watch.loss).toBe('the WebGPU device was lost (destroyed: Device was destroyed.)');
    const error = await watch.recover();
    expect(error).toBeInstanceOf(DeviceLostError);
    expect(asked).toEqual(['webgl']);
    expect(error!.backend).toEqual({ name: 'webgl', reason: 'the WebGPU device was lost (destroyed: Device was destroyed.); webgpu skipped on request' });
    expect(error!.message).toBe('The WebGPU device was lost (destroyed: Device was destroyed.); the engine now runs on webgl (the WebGPU device was lost (destroyed: Device was destroyed.); webgpu skipped on request)');
    expect(watch.loss).toBeNull(); // watching the new backend, which has no device to lose
  });

  it('ignores a loss of a device it no longer watches (another backend was chosen since)', async () => {
    const { watch, lose } = fakes();
    watch.arm({ name: 'webgpu', reason: '' });
    watch.arm({ name: 'cpu', reason: 'asked for' });
    lose({ reason: 'destroyed' });
    await Promise.resolve();
    expect(watch.loss).toBeNull();
    expect(lossText({})).toBe('the WebGPU device was lost');
  });

  it('waits a moment for a loss that settles after the kernel failed, and not at all on a backend without a device', async () => {
    const { watch, lose } = fakes();
    watch.arm({ name: 'webgpu', reason: '' });
    setTimeout(() => lose({ reason: 'destroyed' }), 20);
    expect(await watch.lossWithin(2000)).toBe('the WebGPU device was lost (destroyed)');
    const live = fakes();
    live.watch.arm({ name: 'webgpu', reason: '' });
    expect(await live.watch.lossWithin(30)).toBeNull(); // a live device: the job's error is its own
    live.watch.arm({ name: 'cpu', reason: '' });
    const started = performance.now();
    expect(await live.watch.lossWithin(5000)).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
