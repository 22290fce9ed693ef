import { AWP_METHODS, INNER_MAX_LABELS, INNER_MAX_METHODS } from '../../shared/config';
import { FieldNumber } from './FieldNumber';
import { FieldSelect } from './FieldSelect';
import { useStore } from '../store';

/**
 * The settings of the chosen method only: LTD's base, label smoothing s, the inner
 * maximisation of TRADES, label smoothing and LTD, the distillation temperature T_d, and AWP where it applies (kept visible while on, so it can be turned off
 * if the method no longer allows it).
 */
export function MethodSettings() {
  const method = useStore((s) => s.settings.config.method);
  const awp = useStore((s) => s.settings.config.awp);
  const awpShown = AWP_METHODS.includes(method) || awp === 'on';
  return (
    <>
      {method === 'ltd' && (
        <FieldSelect field="ltdBase" labels={{ trades: 'TRADES (CE on soft labels + λ·KL)', 'pgd-at': 'PGD-AT (CE(Z(x′), soft labels))' }} />
      )}
      {method === 'label-smoothing' && <FieldNumber field="smoothing" />}
      {INNER_MAX_METHODS.includes(method) && <FieldSelect field="innerMax" labels={INNER_MAX_LABELS} />}
      {method === 'defensive-distillation' && (
        <>
          <FieldNumber field="distillTemperature" />
          <p className="hint">
            Teacher and student train at T_d and the student is deployed at T = 1 (Papernot et al. 2016). Adam at 1e-2 with
            a constant rate and no weight decay is picked for it: with SGD, Adam at 1e-3, or the paper&apos;s weight decay it
            stays at chance at T_d = 50.
          </p>
        </>
      )}
      {awpShown && (
        <div className="row">
          <FieldSelect field="awp" labels={{ off: 'Off', on: 'On (adversarial weight perturbation)' }} />
          {awp === 'on' && <FieldNumber field="awpGamma" />}
          {awp === 'on' && <FieldNumber field="awpWarmup" />}
        </div>
      )}
    </>
  );
}
