import { DATASET_LABELS, epsilonScale, METHOD_LABELS, MODEL_LABELS, modelsFor, NORM_LABELS } from '../../shared/config';
import { EvaluationSettings } from './EvaluationSettings';
import { FieldNumber } from './FieldNumber';
import { FieldSelect } from './FieldSelect';
import { FieldSlider } from './FieldSlider';
import { MethodSettings } from './MethodSettings';
import { epsilonText } from '../epsilon';
import { useStore } from '../store';
import { piecewiseMilestones } from '../../shared/lr-schedule';

/** τ: the teacher's temperature; changes during a run apply from the next batch. */
export function TemperatureSlider() {
  const setLive = useStore.use.run.setLive();
  const method = useStore((s) => s.settings.config.method);
  return (
    <FieldSlider
      field="tau"
      onCommit={(tau) => setLive({ tau })}
      hint={method === 'ltd' ? 'Soft labels softmax(q/τ); the student stays at T = 1.' : 'Used by LTD only.'}
    />
  );
}

export function LambdaSlider() {
  const setLive = useStore.use.run.setLive();
  return <FieldSlider field="lambda" onCommit={(lambda) => setLive({ lambda })} hint="Weight of the KL robustness term." />;
}

/** ε in input units; images also read it as x/255 under L∞. Range and step follow the data set and the threat model. */
export function EpsilonSlider() {
  const dataset = useStore((s) => s.settings.config.dataset);
  const norm = useStore((s) => s.settings.config.norm);
  const { max, step } = epsilonScale(dataset, norm);
  const hint = norm === 'l2' ? `L2 radius; this data set's default is ${epsilonScale(dataset, 'l2').default}.` : undefined;
  return <FieldSlider field="epsilon" max={max} step={step} format={(e) => epsilonText(e, dataset, norm)} hint={hint} />;
}

/** Only the models that fit the data set (convolutions need images). */
export function ModelSelect() {
  const dataset = useStore((s) => s.settings.config.dataset);
  return <FieldSelect field="model" labels={MODEL_LABELS} options={modelsFor(dataset)} />;
}

/** The schedule picker; piecewise names the epochs its two drops fall after at the run's length (short runs round them apart). */
export function ScheduleSelect() {
  const epochs = useStore((s) => s.settings.config.epochs);
  const drops = piecewiseMilestones(epochs);
  const piecewise = `Piecewise (×0.1 at 80/120, 100/120: ${drops.length === 0 ? 'no drop' : `after epoch${drops.length > 1 ? 's' : ''} ${drops.join(' and ')}`} of ${epochs})`;
  return <FieldSelect field="lrSchedule" labels={{ constant: 'Constant', piecewise, cosine: 'Cosine' }} />;
}

export function ControlsPanel() {
  return (
    <section className="panel controls" aria-label="Settings">
      <h2>Setup</h2>
      <FieldSelect field="dataset" labels={DATASET_LABELS} />
      <ModelSelect />
      <FieldSelect field="method" labels={METHOD_LABELS} />
      <MethodSettings />
      <TemperatureSlider />
      <LambdaSlider />
      <FieldSelect field="norm" labels={NORM_LABELS} />
      <EpsilonSlider />
      <div className="row">
        <FieldNumber field="epochs" />
        <FieldNumber field="seed" />
      </div>
      <EvaluationSettings />
      <details>
        <summary>More settings</summary>
        <div className="row">
          <FieldNumber field="teacherEpochs" />
          <FieldNumber field="learningRate" />
        </div>
        <div className="row">
          <FieldNumber field="batchSize" />
          <FieldNumber field="trainPgdSteps" />
        </div>
        <div className="row">
          <FieldNumber field="evalPgdSteps" />
          <FieldNumber field="evalSubset" />
        </div>
        <div className="row">
          <FieldNumber field="trainSize" />
          <FieldNumber field="testSize" />
        </div>
        <div className="row">
          <FieldNumber field="overlap" />
          <FieldNumber field="hiddenUnits" />
        </div>
        <div className="row">
          <FieldNumber field="convChannels" />
          <FieldNumber field="resnetBlocks" />
        </div>
        <FieldSelect field="augment" labels={{ off: 'Off', on: 'Random crop (+ flip on CIFAR-10)' }} />
        <FieldSelect field="optimizer" labels={{ sgd: 'SGD (momentum 0.9, Nesterov)', adam: 'Adam' }} />
        <ScheduleSelect />
        <FieldNumber field="trainPgdStepSize" />
      </details>
    </section>
  );
}
