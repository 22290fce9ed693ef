import { useRun } from './run/use-run';

/** Which tfjs backend runs the engine, and why (always visible: numbers depend on it). */
export function BackendStatus() {
  const backend = useRun((s) => s.backend);
  const error = useRun((s) => s.backendError);
  const text = error
    ? `none — ${error}`
    : backend
      ? `${backend.name}${backend.reason ? ` — ${backend.reason}` : ''}`
      : 'starting…';
  return (
    <p className={`backend backend-${backend?.name ?? 'none'}`} role="status" aria-label="Backend">
      {text}
    </p>
  );
}
