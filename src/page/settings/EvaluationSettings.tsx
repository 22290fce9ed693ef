import { AA_BUDGET_LABELS, EVAL_ATTACK_LABELS } from '../../shared/config';
import { FieldNumber } from './FieldNumber';
import { FieldSelect } from './FieldSelect';
import { useStore } from '../store';

const HINTS = {
  pgd: 'PGD-K on cross-entropy, K = Evaluation steps: the cheapest, and the weakest where logits are flat or huge.',
  'apgd-ce': 'APGD on cross-entropy (Croce & Hein 2020) for Evaluation steps iterations: step size halved at checkpoints, momentum.',
  'aa-lite':
    'APGD-CE → APGD-T (targeted DLR, scale-invariant; margin APGD below 4 classes) → Square, each on the points still unbroken; ' +
    'a point counts as robust only if all three fail (the ensemble of Croce & Hein 2020, less FAB-T).',
} as const;

/** The white-box attack behind every robust figure of the chart and the sweeps, and AA-lite's budget when it is chosen. */
export function EvaluationSettings() {
  const attack = useStore((s) => s.settings.config.evalAttack);
  return (
    <>
      <FieldSelect field="evalAttack" labels={EVAL_ATTACK_LABELS} />
      {attack === 'aa-lite' && (
        <>
          <FieldSelect field="aaBudget" labels={AA_BUDGET_LABELS} />
          <FieldNumber field="aaQueries" />
        </>
      )}
      <p className="hint">{HINTS[attack]}</p>
    </>
  );
}
