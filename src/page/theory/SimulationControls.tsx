import { useId } from 'react';
import { DIRICHLET_SIMULATION_DEFAULTS } from '../../shared/theory';
import { formatDecimal, formatPercent } from '../../shared/format';
import type { SimulationSettings, SimulationVariant } from './simulation-data';
import { ValueSlider } from './ValueSlider';

const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Number((from + i * step).toFixed(6)));

/** Slider stops. γ and ε stay below ½ (class 1 is the prediction); k stops at 10 to keep a slider move far under 50 ms. */
const GAMMAS = range(0.01, 0.45, 0.01);
const EPSILONS = [0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1];
const SHARES = range(0, 0.3, 0.01);
const CLASSES = range(2, 10, 1);
const CONCENTRATIONS = [1, 2, 5, 10, 20, 50, 100];

interface SimulationControlsProps {
  settings: SimulationSettings;
  onChange: (patch: Partial<SimulationSettings>) => void;
}

/** The simulation's variant and sliders; every one is a labelled control, operable with the keyboard. */
export function SimulationControls({ settings, onChange }: SimulationControlsProps) {
  const variantId = useId();
  const dirichlet = settings.variant === 'dirichlet';
  return (
    <div className="theory-controls">
      <div className="field">
        <label htmlFor={variantId}>Simulation</label>
        <select id={variantId} value={settings.variant} onChange={(e) => onChange({ variant: e.target.value as SimulationVariant })}>
          <option value="binary">Binary (closed form)</option>
          <option value="dirichlet">k classes (Dirichlet draw)</option>
        </select>
      </div>
      <ValueSlider label="Ambiguous share" values={SHARES} value={settings.ambiguousFraction}
        format={(v) => formatPercent(100 * v, { decimals: 0 })} onChange={(ambiguousFraction) => onChange({ ambiguousFraction })} />
      <ValueSlider label="Ambiguous oracle γ" values={GAMMAS} value={settings.gamma} format={(v) => formatDecimal(v)} onChange={(gamma) => onChange({ gamma })} />
      <ValueSlider label="Clear oracle ε" values={EPSILONS} value={settings.epsilon} format={(v) => formatDecimal(v)} onChange={(epsilon) => onChange({ epsilon })} />
      {dirichlet && (
        <>
          <ValueSlider label="Classes k" values={CLASSES} value={settings.classes} format={(v) => formatDecimal(v)} onChange={(classes) => onChange({ classes })} />
          <ValueSlider label="Ambiguous concentration Σα" values={CONCENTRATIONS} value={settings.concentration}
            format={(v) => formatDecimal(v)} onChange={(concentration) => onChange({ concentration })} />
          <p className="hint">
            {DIRICHLET_SIMULATION_DEFAULTS.points} points drawn with seed {settings.seed}; clear points have Σα = {DIRICHLET_SIMULATION_DEFAULTS.clearConcentration}.{' '}
            <button type="button" onClick={() => onChange({ seed: settings.seed + 1 })}>Draw new oracle labels</button>
          </p>
        </>
      )}
    </div>
  );
}
