import { useStore } from './store';

/** Errors, each naming what went wrong; dismissable, never a blank page. */
export function Alerts() {
  const alerts = useStore.use.alerts.list();
  const dismiss = useStore.use.alerts.dismiss();
  if (alerts.length === 0) return null;
  return (
    <div className="alerts">
      {alerts.map((alert) => (
        <div key={alert.id} role="alert" className="alert">
          <span>{alert.message}</span>
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(alert.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
