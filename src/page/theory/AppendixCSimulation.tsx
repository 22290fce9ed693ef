import { useDeferredValue, useId, useMemo, useState } from 'react';
import { formatSignificant } from '../../shared/format';
import { ONE_HOT_MINOR, SIMULATION_DEFAULTS, type SimulationSettings, buildSimulationData } from './simulation-data';
import { SimulationChart } from './SimulationChart';
import { SimulationControls } from './SimulationControls';

/** The Appendix C simulation: G of a one-hot-like model and of a teacher's soft labels as they heat up, recomputed as sliders move. */
export function AppendixCSimulation() {
  const [settings, setSettings] = useState<SimulationSettings>(SIMULATION_DEFAULTS);
  // The sliders answer at once; the chart follows as soon as React has a moment (a few ms of math).
  const deferred = useDeferredValue(settings);
  const data = useMemo(() => buildSimulationData(deferred), [deferred]);
  const headingId = useId();
  const binary = settings.variant === 'binary';
  return (
    <div className="theory-part" role="group" aria-labelledby={headingId}>
      <h3 id={headingId}>Simulation (Appendix C)</h3>
      <p className="caption">
        {binary
          ? `A share of points are ambiguous, with oracle (1 − γ, γ); the rest are clear, (1 − ε, ε). Model 1 outputs (1 − δ, δ), δ = ${formatSignificant(ONE_HOT_MINOR, 2)}, everywhere; model 2 is a teacher heated from s = γ/10 (T = 1) to s = ½ (T = ∞) on the ambiguous points, its clear points softening at the same T (our modelling of the appendix).`
          : 'The same with k classes: each point’s oracle is drawn from a Dirichlet with mean mass γ (ambiguous) or ε (clear) off its class; model 2 is the over-confident teacher at temperature T.'}
      </p>
      <SimulationControls settings={settings} onChange={(patch) => setSettings((s) => ({ ...s, ...patch }))} />
      <SimulationChart data={data} gamma={deferred.gamma} />
    </div>
  );
}
