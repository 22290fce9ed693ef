/**
 * The λ sweep's slice (paper Tables 5–6): the λ list and repeats a person chose, the sweep's status
 * and progress, and one point per student and seed — an LTD student per λ and the TRADES reference
 * row. The sweep's own events (`LambdaSweepEvent`) are folded in by one exhaustive switch (the
 * part every sweep shares, and the run action's course, in sweep-fold.ts). `lambdaGroups` gives the points per row over
 * their repeats.
 */
import type { Config } from '../../shared/config';
import type { EventOf, LambdaSweepEvent } from '../../shared/events';
import type { Repeats } from '../../shared/repeats';
import { engine } from '../../hosts/worker/client';
import type { AlertsView } from '../alerts';
import { type BusyView, refuseIfBusy } from '../engine-busy';
import type { SliceCreator } from '../store-slice';
import { foldSweepLifecycle, groupsOf, startSweep, stopSweep, sweepAfterReset, type SweepStatus, unhandledEvent, withoutType } from '../sweep-fold';
import { opened } from '../url';

export type LambdaPoint = Omit<EventOf<'lambda-point'>, 'type'>;
export type LambdaProgress = Omit<EventOf<'lambda-progress'>, 'type'>;

export interface LambdaSweepSlice {
  lambdas: string;
  includeSquare: boolean;
  squareQueries: number;
  /** Seeds per row (seed, seed + 1, …). */
  repeats: Repeats;
  status: SweepStatus;
  progress: LambdaProgress | null;
  /** Every measured student, each row once per repeat, in the order they finished. */
  points: LambdaPoint[];
  finishedSeconds: number | null;
  /** The sweep whose events are folded in (a new one, or Reset, moves it on). */
  activeId: number;
  set: (change: Partial<Pick<LambdaSweepSlice, 'lambdas' | 'includeSquare' | 'squareQueries' | 'repeats'>>) => void;
  run: (config: Config) => Promise<void>;
  stop: () => void;
  handle: (event: LambdaSweepEvent) => void;
}

/** The points per row (an LTD λ, or TRADES) over their repeats, in the order each was first measured; stable per points array. */
export const lambdaGroups = groupsOf<LambdaPoint>((p) => `${p.method}-${p.lambda}`);

/** "3, 4, 5" → numbers, or the first entry that is not one. The engine checks ranges and repeats. */
export function parseLambdas(text: string): { ok: true; lambdas: number[] } | { ok: false; message: string } {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  const bad = parts.find((p) => !Number.isFinite(Number(p)));
  if (parts.length === 0) return { ok: false, message: 'Lambdas: give at least one λ, e.g. "3, 4, 5, 6, 7".' };
  if (bad !== undefined) return { ok: false, message: `Lambdas: "${bad}" is not a number.` };
  return { ok: true, lambdas: parts.map(Number) };
}

/** What the λ sweep reads of the store: itself and the alerts. */
export interface LambdaSweepView extends AlertsView, BusyView {
  lambdaSweep: LambdaSweepSlice;
}

export const createLambdaSweepSlice: SliceCreator<LambdaSweepSlice, LambdaSweepView> = (patch, get) => {
  const sweep = () => get().lambdaSweep;
  return {
    // Paper Table 6's λ.
    lambdas: '3, 4, 5, 6, 7',
    includeSquare: true,
    squareQueries: opened.params.sweepQueries,
    repeats: 1,
    status: 'idle',
    progress: null,
    points: [],
    finishedSeconds: null,
    activeId: 0,

    set: (change) => patch(change),

    async run(config) {
      if (refuseIfBusy(get(), 'The λ sweep')) return;
      const parsed = parseLambdas(sweep().lambdas);
      const { includeSquare, squareQueries, repeats } = sweep();
      await startSweep<LambdaSweepEvent, number[]>({
        parsed: parsed.ok ? { ok: true, value: parsed.lambdas } : parsed,
        alert: (message) => get().alerts.alert(message),
        sweep,
        begin: (activeId) => patch({ activeId, status: 'running', progress: null, points: [], finishedSeconds: null }),
        call: (lambdas, onEvent) => engine().lambdaSweep(config, { lambdas, square: includeSquare, squareQueries, trades: true, repeats }, onEvent),
      });
    },

    stop: () => stopSweep(sweep().status),

    handle(event) {
      switch (event.type) {
        case 'lambda-progress':
          patch({ progress: withoutType(event) });
          return;
        case 'lambda-point':
          patch((s) => ({ points: [...s.points, withoutType(event)] }));
          return;
        case 'paused':
        case 'resumed':
        case 'done':
        case 'error':
          foldSweepLifecycle<LambdaSweepSlice>(event, patch, (message) => get().alerts.alert(message), 'λ sweep');
          return;
        default:
          unhandledEvent('λ sweep', event);
      }
    },
  };
};

/** Reset stops the engine's control, and with it a λ sweep in flight (its points so far stay). */
export const lambdaSweepAfterReset = sweepAfterReset<LambdaSweepSlice>;
