/**
 * The temperature sweep's slice: what a person typed (τ list, Square, τ_max first, repeats), the
 * sweep's status and progress, and its results (one point per τ and seed, the substitutes, τ_max
 * and the search's chosen τ). The sweep's own events (`TemperatureSweepEvent`) are folded in by one
 * exhaustive switch (the part every sweep shares, and the run action's course, in sweep-fold.ts). `tauGroups`
 * gives the points per τ over their repeats. URL parameter `sweepQueries` sets Square's query
 * budget (e.g. a tiny one for tests); a sweep preset's link sets the τ list and turns AA-lite on.
 */
import type { Config } from '../../shared/config';
import type { EventOf, TemperatureSweepEvent } from '../../shared/events';
import type { Repeats } from '../../shared/repeats';
import { parseTemperatures } from '../../shared/temperature-plan';
import { engine } from '../../hosts/worker/client';
import type { AlertsView } from '../alerts';
import { type BusyView, refuseIfBusy } from '../engine-busy';
import type { SliceCreator } from '../store-slice';
import { foldSweepLifecycle, groupsOf, startSweep, stopSweep, sweepAfterReset, type SweepStatus, unhandledEvent, withoutType } from '../sweep-fold';
import { opened } from '../url';
import { filterQuery } from '../../shared/url-params';

export { sweepBusy, type SweepStatus } from '../sweep-fold';
export type TauPoint = Omit<EventOf<'sweep-point'>, 'type'>;
export type SubstitutePoint = Omit<EventOf<'sweep-substitute'>, 'type'>;
export type TauMaxResult = Omit<EventOf<'sweep-tau-max'>, 'type'>;
export type SweepProgress = Omit<EventOf<'sweep-progress'>, 'type'>;
export type ChosenTau = Omit<EventOf<'sweep-chosen'>, 'type'>;

export interface TemperatureSweepSlice {
  temperatures: string;
  includeSquare: boolean;
  /** AA-lite besides the evaluation attack at each τ (the "Table 4 in a tab" preset turns it on). */
  includeAaLite: boolean;
  findTauMax: boolean;
  squareQueries: number;
  /** Seeds per τ (seed, seed + 1, …); the two-step search runs once whatever this says. */
  repeats: Repeats;
  status: SweepStatus;
  progress: SweepProgress | null;
  /** Every measured student, each τ once per repeat, in the order they finished. */
  points: TauPoint[];
  substitutes: SubstitutePoint[];
  tauMax: TauMaxResult | null;
  /** The two-step search's chosen τ, with its validation and test figures. */
  chosen: ChosenTau | null;
  finishedSeconds: number | null;
  /** The sweep whose events are folded in; Reset moves it on, so a stopped sweep's late events are dropped. */
  activeId: number;
  set: (change: Partial<Pick<TemperatureSweepSlice, 'temperatures' | 'includeSquare' | 'includeAaLite' | 'findTauMax' | 'squareQueries' | 'repeats'>>) => void;
  run: (config: Config) => Promise<void>;
  stop: () => void;
  handle: (event: TemperatureSweepEvent) => void;
}

/** The points per τ over their repeats (n, mean, s.d., min, max), in the order each τ was first measured; stable per points array. */
export const tauGroups = groupsOf<TauPoint>((p) => String(p.tau));

/** What the τ sweep reads of the store: itself and the alerts. */
export interface TemperatureSweepView extends AlertsView, BusyView {
  temperatureSweep: TemperatureSweepSlice;
}

export const createTemperatureSweepSlice: SliceCreator<TemperatureSweepSlice, TemperatureSweepView> = (patch, get) => {
  const sweep = () => get().temperatureSweep;
  const alert = (message: string) => get().alerts.alert(message);

  // A sweep preset's link (`?preset=table-4`) opens the panel with its τ list and attacks.
  const fromPreset = opened.preset?.runs === 'tau-sweep' ? opened.preset : null;
  const named = filterQuery(opened.query, (key) => key === 'sweepQueries') !== '';
  return {
    // The paper's ablation grid, trimmed to fit the 12-value limit.
    temperatures: fromPreset ? (fromPreset.sizes[opened.size].taus ?? []).join(', ') : '1, 2, 3, 5, 8, 10, 12, 15, 20',
    includeSquare: true,
    includeAaLite: fromPreset !== null,
    findTauMax: false,
    // A τ-sweep preset's Square budget is its detector's, unless the address names one for the sweep.
    squareQueries: named || !fromPreset ? opened.params.sweepQueries : (opened.params.detectorQueries ?? opened.params.sweepQueries),
    repeats: 1,
    status: 'idle',
    progress: null,
    points: [],
    substitutes: [],
    tauMax: null,
    chosen: null,
    finishedSeconds: null,
    activeId: 0,

    set: (change) => patch(change),

    async run(config) {
      if (refuseIfBusy(get(), 'The τ sweep')) return;
      const { temperatures, includeSquare, includeAaLite, findTauMax, squareQueries, repeats } = sweep();
      const parsed = parseTemperatures(temperatures);
      await startSweep<TemperatureSweepEvent, number[]>({
        parsed: parsed.ok ? { ok: true, value: parsed.taus } : parsed,
        alert,
        sweep,
        begin: (activeId) => patch({ activeId, status: 'running', progress: null, points: [], substitutes: [], tauMax: null, chosen: null, finishedSeconds: null }),
        call: (taus, onEvent) =>
          engine().temperatureSweep(config, { taus, square: includeSquare, aaLite: includeAaLite, squareQueries, findTauMax, repeats: findTauMax ? 1 : repeats }, onEvent),
      });
    },

    stop: () => stopSweep(sweep().status),

    handle(event) {
      switch (event.type) {
        case 'sweep-progress':
          patch({ progress: withoutType(event) });
          return;
        case 'sweep-substitute':
          patch((s) => ({ substitutes: [...s.substitutes, withoutType(event)] }));
          return;
        case 'sweep-tau-max':
          patch({ tauMax: withoutType(event) });
          return;
        case 'sweep-point':
          patch((s) => ({ points: [...s.points, withoutType(event)] }));
          return;
        case 'sweep-chosen':
          patch({ chosen: withoutType(event) });
          return;
        case 'paused':
        case 'resumed':
        case 'done':
        case 'error':
          foldSweepLifecycle<TemperatureSweepSlice>(event, patch, alert, 'Temperature sweep');
          return;
        default:
          unhandledEvent('τ sweep', event);
      }
    },
  };
};

/**
 * What Reset does to the sweep: Reset stops the shared worker control, and with it a sweep in
 * flight, which then counts as stopped (its points so far stay, as after Stop) with no progress
 * showing; whatever it still sends is ignored. A finished sweep is left as it is.
 */
export const temperatureSweepAfterReset = sweepAfterReset<TemperatureSweepSlice>;
