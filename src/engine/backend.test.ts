import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type BackendAttempt, type BackendName, BackendSelector, tryTfjsBackend } from './backend';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/**
 * A fake tfjs: each attempt takes a few ticks, and an attempt that starts while another is
 * running fails the way the real race fails (tfjs's global backend changed under it).
 */
function racyBackends(works: BackendName[]) {
  const log: BackendName[] = [];
  let running = 0;
  let overlapped = false;
  const attempt: BackendAttempt = async (name) => {
    log.push(name);
    running++;
    if (running > 1) overlapped = true;
    await tick();
    await tick();
    running--;
    if (overlapped) return { ok: false, refusal: `${name} failed: Cannot read properties of undefined (reading 'get')` };
    return works.includes(name) ? { ok: true, adapter: name === 'webgpu' ? 'fake swiftshader' : undefined } : { ok: false, refusal: `${name} failed to initialise` };
  };
  return { attempt, log, overlapped: () => overlapped };
}

describe('backend selection', () => {
  it('runs one search when called twice at once, and both callers get its result', async () => {
    const fake = racyBackends(['webgpu', 'webgl', 'cpu']);
    const selector = new BackendSelector(fake.attempt);
    const [first, second] = await Promise.all([selector.select('webgpu'), selector.select('webgpu')]);
    expect(fake.overlapped()).toBe(false);
    expect(fake.log).toEqual(['webgpu']);
    expect(first).toEqual({ name: 'webgpu', reason: 'adapter: fake swiftshader' });
    expect(second).toBe(first);
  });

  it('returns the finished result to a later call for the same preference without searching again', async () => {
    const fake = racyBackends(['webgl', 'cpu']);
    const selector = new BackendSelector(fake.attempt);
    const first = await selector.select();
    expect(await selector.select()).toBe(first);
    expect(first.name).toBe('webgl');
    expect(first.reason).toBe('webgpu failed to initialise');
    expect(fake.log).toEqual(['webgpu', 'webgl']);
  });

  it('searches again, after the running search, for a different preference, and again when the first comes back', async () => {
    const fake = racyBackends(['webgpu', 'webgl', 'cpu']);
    const selector = new BackendSelector(fake.attempt);
    const calls = [selector.select('webgpu'), selector.select('cpu'), selector.select('webgpu')];
    const [gpu, cpu, gpuAgain] = await Promise.all(calls);
    expect(fake.overlapped()).toBe(false);
    expect(fake.log).toEqual(['webgpu', 'cpu', 'webgpu']);
    expect(gpu.name).toBe('webgpu');
    expect(cpu).toEqual({ name: 'cpu', reason: 'webgpu and webgl skipped on request' });
    expect(gpuAgain.name).toBe('webgpu');
  });

  it('shares a failure with the callers waiting on it, and tries again on the next call', async () => {
    const fake = racyBackends([]);
    const selector = new BackendSelector(fake.attempt);
    const results = await Promise.allSettled([selector.select('webgl'), selector.select('webgl')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason.message).toBe(
      'No tfjs backend works here: webgpu skipped on request; webgl failed to initialise; cpu failed to initialise',
    );
    expect(fake.log).toEqual(['webgl', 'cpu']);
    await expect(selector.select('webgl')).rejects.toThrow('No tfjs backend works here');
    expect(fake.log).toEqual(['webgl', 'cpu', 'webgl', 'cpu']);
  });

  it('selects tfjs’s cpu backend in Node when called twice at once, saying why WebGPU and WebGL were passed over', async () => {
    const selector = new BackendSelector(tryTfjsBackend);
    const [first, second] = await Promise.all([selector.select('webgpu'), selector.select('webgpu')]);
    expect(second).toBe(first);
    expect(first.name).toBe('cpu');
    expect(first.reason).toContain('navigator.gpu is missing');
    expect(first.reason).toContain('webgl');
    expect(tf.getBackend()).toBe('cpu');
    const probe = tf.tidy(() => tf.sum(tf.mul(tf.ones([4]), 2)));
    expect((await probe.data())[0]).toBe(8);
    probe.dispose();
  });
});
