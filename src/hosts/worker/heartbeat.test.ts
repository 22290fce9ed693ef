/** The worker echoes the page's heartbeat and nothing else (Comlink's own messages pass it by). */
import { describe, expect, it } from 'vitest';
import { answerHeartbeats } from './heartbeat';

describe('the worker heartbeat', () => {
  it('answers a heartbeat with its number and ignores every other message', () => {
    let listener: ((event: MessageEvent) => void) | null = null;
    const posted: unknown[] = [];
    answerHeartbeats({ addEventListener: (_type, l) => (listener = l), postMessage: (m) => posted.push(m) });
    for (const data of [{ heartbeat: 7 }, { id: 'x', type: 'APPLY', path: ['train'] }, { heartbeat: 'no' }, null, { fault: 'throw' }]) {
      listener!({ data } as MessageEvent);
    }
    expect(posted).toEqual([{ heartbeat: 7 }]);
  });
});
