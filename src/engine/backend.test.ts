import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type BackendAttempt, type BackendName, BackendSelector, tryTfjsBackend } from './backend';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/**
 * A fake tfjs: each attempt takes a few ticks, and an attempt that starts while another is
 * running fails the way the real race fails (tfjs's global backend changed under it). Backends in
 * `software` are software GPUs: refused unless allowed.
 */
function racyBackends(works: BackendName[], software: BackendName[] = []) {
  const log: string[] = [];
  let running = 0;
  let overlapped = false;
  const attempt: BackendAttempt = async (name, allowSoftware) => {
    log.push(software.includes(name) && allowSoftware ? `${name} (software allowed)` : name);
    running++;
    if (running > 1) overlapped = true;
    await tick();
    await tick();
    running--;
    if (overlapped) return { ok: false, refusal: `${name} failed: Cannot read properties of undefined (reading 'get')` };
    if (software.includes(name) && !allowSoftware) return { ok: false, software: 'SwiftShader', refusal: `the ${name} device is software (SwiftShader)` };
    if (!works.includes(name)) return { ok: false, refusal: `${name} failed to initialise` };
    return { ok: true, detail: name === 'webgpu' ? 'fake adapter' : name === 'wasm' ? 'SIMD, 1 thread' : undefined };
  };
  return { attempt, log, overlapped: () => overlapped };
}

describe('backend selection', () => {
  it('runs one search when called twice at once, and both callers get its result', async () => {
    const fake = racyBackends(['webgpu', 'webgl', 'wasm', 'cpu']);
    const selector = new BackendSelector(fake.attempt);
    const [first, second] = await Promise.all([selector.select(), selector.select()]);
    expect(fake.overlapped()).toBe(false);
    expect(fake.log).toEqual(['webgpu']);
    expect(first).toEqual({ name: 'webgpu', reason: 'adapter: fake adapter' });
    expect(second).toBe(first);
  });

  it('returns the finished result to a later call for the same preference without searching again', async () => {
    const fake = racyBackends(['webgl', 'cpu']);
    const selector = new BackendSelector(fake.attempt);
    const first = await selector.select();
    expect(await selector.select()).toBe(first);
    expect(first).toEqual({ name: 'webgl', reason: 'webgpu failed to initialise' });
    expect(fake.log).toEqual(['webgpu', 'webgl']);
  });

  it('falls back from webgpu and webgl to wasm, saying what wasm runs with and why the others were passed over', async () => {
    const fake = racyBackends(['wasm', 'cpu']);
    expect(await new BackendSelector(fake.attempt).select()).toEqual({
      name: 'wasm', reason: 'SIMD, 1 thread; webgpu failed to initialise; webgl failed to initialise',
    });
  });

  it('prefers wasm to a software GPU and says so, but takes the software GPU when asked for it by name', async () => {
    const fake = racyBackends(['webgpu', 'webgl', 'wasm', 'cpu'], ['webgpu', 'webgl']);
    const selector = new BackendSelector(fake.attempt);
    const auto = await selector.select();
    expect(auto.name).toBe('wasm');
    expect(auto.reason).toBe(
      'faster here than the software WebGPU adapter (SwiftShader) and WebGL renderer (SwiftShader); SIMD, 1 thread',
    );
    expect(await selector.select('webgpu')).toEqual({ name: 'webgpu', reason: 'adapter: fake adapter' });
    expect(fake.log).toEqual(['webgpu', 'webgl', 'wasm', 'webgpu (software allowed)']);
  });

  it('takes a software GPU before cpu when wasm does not start', async () => {
    const fake = racyBackends(['webgl', 'cpu'], ['webgpu', 'webgl']);
    const chosen = await new BackendSelector(fake.attempt).select();
    expect(chosen.name).toBe('webgl');
    expect(fake.log).toEqual(['webgpu', 'webgl', 'wasm', 'webgpu (software allowed)', 'webgl (software allowed)']);
    expect(chosen.reason).toContain('wasm failed to initialise');
  });

  it('searches again, after the running search, for a different preference, and again when the first comes back', async () => {
    const fake = racyBackends(['webgpu', 'webgl', 'wasm', 'cpu']);
    const selector = new BackendSelector(fake.attempt);
    const calls = [selector.select('webgpu'), selector.select('cpu'), selector.select('webgpu')];
    const [gpu, cpu, gpuAgain] = await Promise.all(calls);
    expect(fake.overlapped()).toBe(false);
    expect(fake.log).toEqual(['webgpu', 'cpu', 'webgpu']);
    expect(gpu.name).toBe('webgpu');
    expect(cpu).toEqual({ name: 'cpu', reason: 'webgpu, webgl and wasm skipped on request' });
    expect(gpuAgain.name).toBe('webgpu');
  });

  it('shares a failure with the callers waiting on it, and tries again on the next call', async () => {
    const fake = racyBackends([]);
    const selector = new BackendSelector(fake.attempt);
    const results = await Promise.allSettled([selector.select('wasm'), selector.select('wasm')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason.message).toBe(
      'No tfjs backend works here: webgpu and webgl skipped on request; wasm failed to initialise; cpu failed to initialise',
    );
    expect(fake.log).toEqual(['wasm', 'cpu']);
    await expect(selector.select('wasm')).rejects.toThrow('No tfjs backend works here');
    expect(fake.log).toEqual(['wasm', 'cpu', 'wasm', 'cpu']);
  });

  it('selects tfjs’s wasm backend in Node, with SIMD and one thread, saying why WebGPU and WebGL were passed over', async () => {
    const selector = new BackendSelector(tryTfjsBackend);
    const [first, second] = await Promise.all([selector.select(), selector.select()]);
    expect(second).toBe(first);
    expect(first.name).toBe('wasm');
    expect(first.reason).toMatch(/^SIMD, 1 thread \(tfjs keeps wasm threads off in Node\); /);
    expect(first.reason).toContain('navigator.gpu is missing');
    expect(first.reason).toContain('webgl');
    expect(tf.getBackend()).toBe('wasm');
    const probe = tf.tidy(() => tf.sum(tf.mul(tf.ones([4]), 2)));
    expect((await probe.data())[0]).toBe(8);
    probe.dispose();
    expect((await selector.select('cpu')).name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
