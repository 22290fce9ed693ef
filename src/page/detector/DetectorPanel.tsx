import { ProgressFill } from '../ProgressFill';
import { selectEngineBusy, useStore } from '../store';
import { DetectorControls } from './DetectorControls';
import { DetectorReportView } from './DetectorReportView';
import { DemoModelPicker } from './DemoModelPicker';
import { formatEta } from '../run/TrainingProgress';
import './detector.css';
import { epsilonText } from '../epsilon';

/**
 * Runs a white-box attack (AA-lite by default), Square, FGSM and noise on one model and judges
 * whether its robustness is real.
 */
export function DetectorPanel() {
  const epsilon = useStore((s) => s.settings.config.epsilon);
  const dataset = useStore((s) => s.settings.config.dataset);
  const norm = useStore((s) => s.settings.config.norm);
  const subset = useStore.use.detector.subset();
  const status = useStore.use.detector.status();
  const progress = useStore.use.detector.progress();
  const report = useStore.use.detector.report();
  const reportRequest = useStore.use.detector.reportRequest();
  const eta = useStore.use.detector.etaSeconds();
  const engineBusy = useStore(selectEngineBusy);
  const demoLoading = useStore.use.detector.demoLoading();
  const training = engineBusy === 'training';
  const percent = Math.round(100 * (progress?.fraction ?? 0));
  return (
    <section className="panel" role="region" aria-label="Gradient masking detector">
      <h2>Gradient masking detector</h2>
      <p className="detector-note">
        A defence can look robust because its gradients point nowhere (defensive distillation, too high τ). The detector
        attacks the same {subset} test points at ε = {epsilonText(epsilon, dataset, norm)} with a white-box attack (AA-lite&apos;s APGD-CE → APGD-T by
        default, the strongest here) and attacks that need no gradient (Square, random noise), and applies six warning signs and
        six indicators that an attack failed — first of them whether the accuracy chart&apos;s own attack overstates robust accuracy
        against AA-lite — after checking that the model is above chance and deterministic, or there is nothing to judge. These
        are the settings of the next run; a report below states its own.
      </p>
      <DetectorControls canRun={engineBusy === null && demoLoading === null} onRun={() => void useStore.getState().detector.run(useStore.getState().settings.config)} />
      <DemoModelPicker disabled={engineBusy !== null} />
      {training && <p className="detector-note">Wait for the run to finish (or stop it) to run the detector.</p>}
      {status === 'running' && (
        <div role="progressbar" aria-label="Detector progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}
          aria-valuetext={`${progress?.stage ?? ''} · ${percent}%`} className="progress-track">
          <ProgressFill percent={percent} />
        </div>
      )}
      {status === 'running' && <p className="progress-text">{progress?.stage} · {percent}% · {formatEta(eta)}</p>}
      {report && reportRequest && <DetectorReportView report={report} request={reportRequest} />}
    </section>
  );
}
