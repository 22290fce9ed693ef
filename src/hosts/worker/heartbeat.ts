/**
 * The worker's answer to the page's heartbeat (client.ts): echoed from the worker's event loop,
 * so it arrives whenever the engine awaits (every batch does), and stops when the thread is stuck
 * or gone. Comlink ignores these messages: they carry no Comlink id or type.
 */
import { isHeartbeat } from '../../shared/faults';

/** The worker's scope as far as the heartbeat needs it (a fake in tests). */
interface Port {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  postMessage(message: unknown): void;
}

export function answerHeartbeats(scope: Port = self as unknown as Port): void {
  scope.addEventListener('message', (event) => {
    if (isHeartbeat(event.data)) scope.postMessage({ heartbeat: event.data.heartbeat });
  });
}
