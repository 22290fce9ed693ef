import { useStore } from './store';

/** Which tfjs backend runs the engine, and why (always visible: numbers depend on it). */
export function BackendStatus() {
  const backend = useStore.use.run.backend();
  const error = useStore.use.run.backendError();
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
