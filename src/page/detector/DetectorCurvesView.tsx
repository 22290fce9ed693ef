import type { DetectorCurves } from '../../shared/curves';
import type { DatasetId } from '../../shared/config';
import type { EpsilonPoint } from '../../hosts/worker/api';
import { ConvergenceCharts } from './ConvergenceCharts';
import { RobustnessCurveChart } from './RobustnessCurveChart';
import { SquareQueriesChart } from './SquareQueriesChart';

/** The curves a reviewer asks for, under the report's checks; the robustness curve only when the detector was asked to measure it. */
export function DetectorCurvesView({ curves, sweep, dataset }: { curves: DetectorCurves; sweep: EpsilonPoint[]; dataset: DatasetId }) {
  return (
    <section className="detector-curves" aria-label="Detector curves">
      <h3>Curves</h3>
      <ConvergenceCharts curves={curves} dataset={dataset} />
      {curves.square && <SquareQueriesChart curve={curves.square} dataset={dataset} />}
      {curves.robustness ? (
        <RobustnessCurveChart curve={curves.robustness} sweep={sweep} dataset={dataset} />
      ) : (
        <p className="detector-note">No robustness curve: tick “Robustness curve” and run the detector again to measure each point’s smallest breaking ε.</p>
      )}
    </section>
  );
}
