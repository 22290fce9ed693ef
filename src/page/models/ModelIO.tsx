import { useId, useState } from 'react';
import { FilePicker } from '../FilePicker';
import { download } from '../download';
import { metricsCsv, metricsJson } from '../../shared/metrics-export';
import { TorchExportButton } from './TorchExportButton';
import { useStore } from '../store';

/** Export the last run's teacher or student (tfjs Layers files) and the metrics; import a model. */
export function ModelIO() {
  const hasRuns = useStore((s) => s.run.runs.length > 0);
  const status = useStore.use.run.status();
  const imported = useStore.use.models.imported();
  const { exportModel, importModel } = useStore.getState().models;
  const [role, setRole] = useState<'student' | 'teacher'>('student');
  const roleId = useId();
  const busy = status === 'running' || status === 'pausing';

  return (
    <section className="panel model-io" aria-label="Models and metrics">
      <h2>Models and metrics</h2>
      <div className="row">
        <div className="field">
          <label htmlFor={roleId}>Network to export</label>
          <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as 'student' | 'teacher')}>
            <option value="student">Student</option>
            <option value="teacher">Teacher</option>
          </select>
        </div>
        <button type="button" disabled={busy} onClick={() => void exportModel(role)}>
          Export model
        </button>
        <button
          type="button"
          disabled={!hasRuns}
          onClick={() => {
            const { runs } = useStore.getState().run;
            download('metrics.csv', metricsCsv(runs), 'text/csv');
            download('metrics.json', metricsJson(runs), 'application/json');
          }}
        >
          Export metrics
        </button>
        <TorchExportButton />
      </div>
      <FilePicker label="Import model" accept=".json,.bin" onFiles={(files) => void importModel(files)}>
        <p className="hint">Pick the model.json and its weights file together (tfjs Layers format).</p>
      </FilePicker>
      {imported && (
        <p role="status" aria-label="Imported model">
          {imported.name}: inputs [{imported.inputShape.join(', ')}], {imported.numClasses} classes, {imported.layers} layers,{' '}
          {imported.parameters.toLocaleString('en-US')} weights.
          {imported.strippedSoftmax &&
            ` Its final softmax (${imported.strippedSoftmax.how === 'layer' ? 'layer' : 'the activation of layer'} "${imported.strippedSoftmax.layer}") was stripped: ` +
              'attacks and the detector see its logits, not probabilities (a second softmax on top would flatten the gradients and fake robustness).'}
        </p>
      )}
    </section>
  );
}
