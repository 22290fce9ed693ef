import { describe, expect, it } from 'vitest';
import { RunControl, StopSignal } from './control';

/** A loop of `batches` checkpoints, counting the batches that ran. */
function loop(control: RunControl, batches: number) {
  const state = { ran: 0, ended: null as null | 'done' | 'stopped' };
  const done = (async () => {
    try {
      for (let i = 0; i < batches; i++) {
        await control.checkpoint();
        state.ran++;
      }
      state.ended = 'done';
    } catch (error) {
      if (!(error instanceof StopSignal)) throw error;
      state.ended = 'stopped';
    }
  })();
  return { state, done };
}

const settle = async (turns = 20) => {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
};

describe('RunControl', () => {
  it('holds a paused loop, lets one batch through per step, and resumes', async () => {
    const events: string[] = [];
    const control = new RunControl({ tau: 5, lambda: 6 }, { onPause: () => events.push('paused'), onResume: () => events.push('resumed') });
    control.pause();
    const { state, done } = loop(control, 5);
    await settle();
    expect(state.ran).toBe(0);
    control.step();
    await settle();
    expect(state.ran).toBe(1);
    control.step();
    control.step();
    await settle();
    expect(state.ran).toBe(3);
    expect(control.isPaused).toBe(true);
    // Steps do not end the pause: one 'paused' for the whole pause, one 'resumed' at the end.
    expect(events).toEqual(['paused']);
    control.resume();
    await done;
    expect(state).toEqual({ ran: 5, ended: 'done' });
    expect(events).toEqual(['paused', 'resumed']);
  });

  it('ignores a step while running, so it cannot skip a later pause', async () => {
    const control = new RunControl({ tau: 5, lambda: 6 });
    control.step();
    const { state, done } = loop(control, 3);
    await settle(2);
    control.pause();
    await settle();
    expect(state.ran).toBeLessThan(3);
    const held = state.ran;
    await settle();
    expect(state.ran).toBe(held);
    control.stop();
    await done;
    expect(state.ended).toBe('stopped');
  });

  it('stops a paused loop', async () => {
    const control = new RunControl({ tau: 5, lambda: 6 });
    control.pause();
    const { state, done } = loop(control, 3);
    await settle();
    control.stop();
    control.step(); // too late: nothing more runs
    await done;
    expect(state).toEqual({ ran: 0, ended: 'stopped' });
  });
});
