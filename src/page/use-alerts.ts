/**
 * The alerts slice (slices/alerts.ts): `useAlerts.getState().alert(message)` from anywhere
 * (an event handler, an error boundary), `useAlerts((s) => s.list)` in the Alerts strip.
 */
import { sliceHook } from './slice-hook';

export const useAlerts = sliceHook('alerts');
export { type Alert, type AlertSlice } from './alerts';
