import { AA_BUDGET_LABELS, AA_BUDGETS, EVAL_ATTACK_LABELS, EVAL_ATTACKS, type EvalAttackId } from '../../shared/config';
import type { AaLiteBudget } from '../../shared/events';
import type { ModelRole } from '../../hosts/worker/api';
import { DraftNumber } from '../settings/DraftNumber';
import { useStore } from '../store';

const ROLES: Array<{ role: ModelRole; label: string }> = [
  { role: 'student', label: 'Student (last run)' },
  { role: 'teacher', label: 'Teacher (last run)' },
  { role: 'imported', label: 'Imported model' },
  { role: 'demo', label: 'Demo model (detector corpus)' },
];

/**
 * What the next detector run examines and with what: the model, the white-box attack (AA-lite
 * by default; its quick budget for small machines), the subset and Square's budget.
 */
export function DetectorControls({ canRun, onRun }: { canRun: boolean; onRun: () => void }) {
  const role = useStore.use.detector.role();
  const subset = useStore.use.detector.subset();
  const queries = useStore.use.detector.queries();
  const attack = useStore.use.detector.attack();
  const aaBudget = useStore.use.detector.aaBudget();
  const status = useStore.use.detector.status();
  const robustnessCurve = useStore.use.detector.robustnessCurve();
  const { set, cancel } = useStore.getState().detector;
  return (
    <div className="detector-controls">
      <label>
        Model to examine
        <select value={role} onChange={(e) => set({ role: e.target.value as ModelRole })}>
          {ROLES.map((r) => (
            <option key={r.role} value={r.role}>{r.label}</option>
          ))}
        </select>
      </label>
      <label>
        Detector attack
        <select value={attack} onChange={(e) => set({ attack: e.target.value as EvalAttackId })}>
          {EVAL_ATTACKS.map((a) => (
            <option key={a} value={a}>{EVAL_ATTACK_LABELS[a]}</option>
          ))}
        </select>
      </label>
      {attack === 'aa-lite' && (
        <label>
          Detector budget (AA-lite)
          <select value={aaBudget} onChange={(e) => set({ aaBudget: e.target.value as AaLiteBudget })}>
            {AA_BUDGETS.map((b) => (
              <option key={b} value={b}>{AA_BUDGET_LABELS[b]}</option>
            ))}
          </select>
        </label>
      )}
      <DraftNumber label="Detector subset" min={1} max={10000} value={subset} onChange={(n) => n !== null && set({ subset: n })} />
      <DraftNumber label="Square queries" min={2} max={20000} value={queries} optional placeholder="default"
        onChange={(n) => set({ queries: n })} />
      <label title="Each point's smallest breaking ε by bisection with AA-lite's gradient part: 8 runs of it, opt-in">
        <input type="checkbox" checked={robustnessCurve} onChange={(e) => set({ robustnessCurve: e.target.checked })} />
        Robustness curve
      </label>
      <button type="button" disabled={!canRun} onClick={onRun}>
        Run detector
      </button>
      {status === 'running' && (
        <button type="button" onClick={cancel}>
          Cancel detector
        </button>
      )}
    </div>
  );
}
