import { useId } from 'react';
import { needsTeacher } from '../../shared/config';
import type { TeacherCalibrationReport } from '../../hosts/worker/api';
import { currentRun } from '../run/slice';
import { selectEngineBusy, useStore } from '../store';
import { ReliabilityTable, SoftLabelTable } from './CalibrationTables';
import { confidenceSentence, discrepancySentence, flatnessSentence, sliderSentence } from './calibration-reading';
import { ReliabilityChart } from './ReliabilityChart';
import { SoftLabelCharts } from './SoftLabelCharts';
import { CALIBRATION_SUBSET } from './slice';
import './calibration.css';

/**
 * Teacher calibration (paper §4.2's reasoning made visible): for the last run's teacher, how its
 * soft labels flatten as τ grows, how its τ = 1 confidence compares with its accuracy and, on
 * blobs, how far its labels are from the oracle — so a person sees *why* a τ is too hot for
 * this teacher. Measured on demand; the result belongs to the run it was measured for.
 */
export function TeacherCalibration() {
  const headingId = useId();
  const run = useStore((s) => currentRun(s.run.runs));
  const tau = useStore((s) => s.settings.config.tau);
  const measuring = useStore.use.calibration.measuring();
  // One job on the engine at a time (engine-busy.ts): the teacher a run is training is not measured.
  const engineBusy = useStore(selectEngineBusy);
  const measured = useStore.use.calibration.measured();
  const { measure } = useStore.getState().calibration;
  // The teacher exists once its last epoch is reported (or it was reused from the run before).
  const ready = run && needsTeacher(run.config.method) && (run.teacherCached || run.teacher.length >= run.config.teacherEpochs);
  const runId = ready ? run.id : null;
  const shown = measured && measured.runId === runId ? measured : null;

  return (
    <section className="panel calibration" role="region" aria-labelledby={headingId}>
      <h2 id={headingId}>Teacher calibration</h2>
      <p className="caption">
        How the trained teacher’s soft labels softmax(q/τ) flatten as τ grows (mean entropy towards ln C, mean max-probability
        towards 1/C), how its confidence at τ = 1 compares with its accuracy, and on Blobs G of the labels against the exact
        oracle (paper Eq. 7). A τ is too hot for this teacher once its labels say little beyond “all classes alike”.
      </p>
      <p>
        <button type="button" disabled={runId === null || engineBusy !== null} onClick={() => runId !== null && void measure(runId)}>
          Measure teacher calibration
        </button>{' '}
        <span role="status" aria-label="Calibration status">
          {runId === null && 'Train a run with a teacher (LTD or defensive distillation) first.'}
          {measuring !== null && `Measuring the teacher on up to ${CALIBRATION_SUBSET} test points…`}
          {shown && 'report' in shown && measuring === null && `Measured on ${shown.report.subset} test points of ${shown.report.dataset}, ${shown.report.points.length} values of τ.`}
        </span>
      </p>
      {shown && 'error' in shown && <p role="alert">{shown.error}</p>}
      {shown && 'report' in shown && <CalibrationResult report={shown.report} tau={tau} />}
    </section>
  );
}

/** The sentences, the charts and their data tables for one measured report. */
function CalibrationResult({ report, tau }: { report: TeacherCalibrationReport; tau: number }) {
  const g = discrepancySentence(report);
  return (
    <>
      <div className="calibration-reading" data-testid="calibration-reading">
        <p>{flatnessSentence(report)}</p>
        <p>{sliderSentence(report, tau)}</p>
        <p>{confidenceSentence(report.reliability)}</p>
        {g ? <p>{g}</p> : <p className="caption">No G here: {report.dataset} has no closed-form oracle posterior (Blobs has one).</p>}
      </div>
      <div className="calibration-charts">
        <SoftLabelCharts report={report} tau={tau} />
        <ReliabilityChart reliability={report.reliability} />
      </div>
      <SoftLabelTable report={report} />
      <ReliabilityTable reliability={report.reliability} />
    </>
  );
}
