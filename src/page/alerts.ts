/**
 * The alerts slice: errors on the page, each naming what went wrong, until dismissed. Every
 * slice and panel reports through `alert` (`useStore.getState().alerts.alert(message)`), so a
 * failure anywhere is one message, never a blank page.
 */
import type { SliceCreator } from './store-slice';

export interface Alert {
  id: number;
  message: string;
}

export interface AlertSlice {
  /** The alerts showing, oldest first. */
  list: Alert[];
  /** Show `message` (once: the same message already showing is not repeated). */
  alert: (message: string) => void;
  dismiss: (id: number) => void;
}

let nextAlertId = 1;

export const createAlertSlice: SliceCreator<AlertSlice, unknown> = (patch) => ({
  list: [],
  // The same message twice (a repeated failure, React's double effects in dev) shows once.
  alert: (message) => patch((s) => (s.list.some((a) => a.message === message) ? {} : { list: [...s.list, { id: nextAlertId++, message }] })),
  dismiss: (id) => patch((s) => ({ list: s.list.filter((a) => a.id !== id) })),
});

/** What a slice that reports failures reads of the store. */
export interface AlertsView {
  alerts: Pick<AlertSlice, 'alert'>;
}
