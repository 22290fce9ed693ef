import { useId, useState } from 'react';
import { AppendixCSimulation } from './AppendixCSimulation';
import { Theorem1Calculator } from './Theorem1Calculator';
import './theory.css';

/**
 * The paper's argument for a low temperature (Chen & Lee, arXiv 2111.02331, Appendix C), live:
 * Theorem 1 as a calculator and the simulation as a chart. Closed until asked for, so the main
 * page stays short; its content mounts only when opened (nothing is computed before).
 */
export function WhyTemperatureMatters() {
  const [open, setOpen] = useState(false);
  const headingId = useId();
  return (
    <section className="panel theory" role="region" aria-labelledby={headingId}>
      <h2 id={headingId}>Why temperature matters</h2>
      <p className="caption">
        The paper’s Appendix C: when a hotter soft label is closer to the true posterior than a colder one. Exact math from its
        formulas, computed as you type; no training.
      </p>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Show Theorem 1 and the simulation</summary>
        {open && (
          <div className="theory-body">
            <Theorem1Calculator />
            <AppendixCSimulation />
          </div>
        )}
      </details>
    </section>
  );
}
