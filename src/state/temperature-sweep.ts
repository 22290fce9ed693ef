/**
 * The temperature sweep's store: what a person typed (τ list, Square, τ_max first), the sweep's
 * status and progress, and its results (one point per τ, the substitutes, τ_max and the search's
 * chosen τ). Engine
 * events are folded in by one exhaustive switch; events that belong to the run store are ignored.
 * URL parameter `sweepQueries` sets Square's query budget (e.g. a tiny one for tests).
 */
import { create } from 'zustand';
import type { Config } from '../shared/config';
import type { EngineEvent, EventOf } from '../shared/events';
import { parseTemperatures } from '../shared/temperature-plan';
import { callback, engine } from '../worker/client';
import { onReset, useRun } from './run';

export type SweepStatus = 'idle' | 'running' | 'paused' | 'done' | 'stopped' | 'error';
export type TauPoint = Omit<EventOf<'sweep-point'>, 'type'>;
export type SubstitutePoint = Omit<EventOf<'sweep-substitute'>, 'type'>;
export type TauMaxResult = Omit<EventOf<'sweep-tau-max'>, 'type'>;
export type SweepProgress = Omit<EventOf<'sweep-progress'>, 'type'>;
export type ChosenTau = Omit<EventOf<'sweep-chosen'>, 'type'>;

interface SweepState {
  temperatures: string;
  includeSquare: boolean;
  findTauMax: boolean;
  squareQueries: number;
  status: SweepStatus;
  progress: SweepProgress | null;
  points: TauPoint[];
  substitutes: SubstitutePoint[];
  tauMax: TauMaxResult | null;
  /** The two-step search's chosen τ, with its validation and test figures. */
  chosen: ChosenTau | null;
  finishedSeconds: number | null;
  set: (change: Partial<Pick<SweepState, 'temperatures' | 'includeSquare' | 'findTauMax' | 'squareQueries'>>) => void;
  run: (config: Config) => Promise<void>;
  stop: () => void;
  handle: (event: EngineEvent) => void;
}

function urlNumber(name: string): number | undefined {
  if (typeof location === 'undefined') return undefined;
  const value = Number(new URLSearchParams(location.search).get(name) ?? NaN);
  return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
}

/** Whether the sweep is using the engine (so a run or the detector must wait). */
export const sweepBusy = (status: SweepStatus) => status === 'running' || status === 'paused';

/** The sweep whose events are folded in; a Reset moves on, so a stopped sweep's late events are dropped. */
let activeSweep = 0;

export const useSweep = create<SweepState>((set, get) => ({
  // The paper's ablation grid, trimmed to fit the 12-value limit.
  temperatures: '1, 2, 3, 5, 8, 10, 12, 15, 20',
  includeSquare: true,
  findTauMax: false,
  squareQueries: urlNumber('sweepQueries') ?? 1000,
  status: 'idle',
  progress: null,
  points: [],
  substitutes: [],
  tauMax: null,
  chosen: null,
  finishedSeconds: null,

  set: (change) => set(change),

  async run(config) {
    const { temperatures, includeSquare, findTauMax, squareQueries } = get();
    const parsed = parseTemperatures(temperatures);
    if (!parsed.ok) {
      useRun.getState().alert(parsed.message);
      return;
    }
    set({ status: 'running', progress: null, points: [], substitutes: [], tauMax: null, chosen: null, finishedSeconds: null });
    const id = ++activeSweep;
    const dispatch = (event: EngineEvent) => {
      if (id === activeSweep) get().handle(event);
    };
    try {
      await engine().temperatureSweep(config, { taus: parsed.taus, square: includeSquare, squareQueries, findTauMax }, callback(dispatch));
    } catch (error) {
      dispatch({ type: 'error', kind: 'internal', message: error instanceof Error ? error.message : String(error) });
    }
  },

  stop: () => {
    if (sweepBusy(get().status)) void engine().stop();
  },

  handle(event) {
    switch (event.type) {
      case 'sweep-progress': {
        const { type: _type, ...progress } = event;
        set({ progress });
        return;
      }
      case 'sweep-substitute': {
        const { type: _type, ...point } = event;
        set((s) => ({ substitutes: [...s.substitutes, point] }));
        return;
      }
      case 'sweep-tau-max': {
        const { type: _type, ...result } = event;
        set({ tauMax: result });
        return;
      }
      case 'sweep-point': {
        const { type: _type, ...point } = event;
        set((s) => ({ points: [...s.points, point] }));
        return;
      }
      case 'sweep-chosen': {
        const { type: _type, ...chosen } = event;
        set({ chosen });
        return;
      }
      case 'paused':
        set({ status: 'paused' });
        return;
      case 'resumed':
        set({ status: 'running' });
        return;
      case 'done':
        set((s) => ({
          status: event.reason === 'completed' ? 'done' : 'stopped',
          finishedSeconds: event.seconds,
          progress: s.progress && event.reason === 'completed' ? { ...s.progress, fraction: 1, etaSeconds: 0 } : s.progress,
        }));
        return;
      case 'error':
        set({ status: 'error' });
        useRun.getState().alert(`Temperature sweep: ${event.message}`);
        return;
      // The runs inside the sweep: their epochs and phases are the sweep's progress, not the run store's.
      // (The λ sweep's events go to the λ sweep's store.)
      case 'lambda-progress':
      case 'lambda-point':
      case 'started':
      case 'phase':
      case 'progress':
      case 'epoch':
      case 'live':
        return;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled engine event ${JSON.stringify(unhandled)}`);
      }
    }
  },
}));

/**
 * Reset (run store) stops the shared worker control, and with it a sweep in flight: the sweep
 * then counts as stopped (its points so far stay, as after Stop), with no progress left
 * showing, and whatever it still sends is ignored. A finished sweep is left as it is.
 */
export function resetSweepRunning(): void {
  activeSweep++;
  if (sweepBusy(useSweep.getState().status)) useSweep.setState({ status: 'stopped', progress: null });
}
onReset(resetSweepRunning);
