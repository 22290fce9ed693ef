import { useState } from 'react';
import { CORPUS, CORPUS_IDS, type CorpusEntry, type CorpusId } from '../../shared/corpus';
import { formatPercent } from '../../shared/format';
import { useStore } from '../store';

const GROUPS: Array<{ group: CorpusEntry['group']; label: string }> = [
  { group: 'masked', label: 'Known masked' },
  { group: 'honest', label: 'Honest' },
  { group: 'broken', label: 'Broken (nothing to judge)' },
];

/**
 * "Try the detector on a known model": loads a model of the detector's calibration corpus (built
 * in the worker in seconds on a GPU: 2-D blobs, the page's sizes) as the model to examine, so a
 * class sees every warning sign fire without training first. Each says what it is and the verdict
 * a sound detector gives it.
 */
export function DemoModelPicker({ disabled }: { disabled: boolean }) {
  const [choice, setChoice] = useState<CorpusId>('defensive-distillation');
  const demo = useStore.use.detector.demo();
  const loading = useStore.use.detector.demoLoading();
  const loadDemo = useStore.use.detector.loadDemo();
  const entry = CORPUS[choice];
  return (
    <div className="detector-demo" role="group" aria-label="Try the detector on a known model">
      <label>
        Demo model
        <select value={choice} onChange={(e) => setChoice(e.target.value as CorpusId)}>
          {GROUPS.map(({ group, label }) => (
            <optgroup key={group} label={label}>
              {CORPUS_IDS.filter((id) => CORPUS[id].group === group).map((id) => (
                <option key={id} value={id}>{CORPUS[id].label}</option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <button type="button" disabled={disabled || loading !== null} onClick={() => void loadDemo(choice)}>
        Load demo model
      </button>
      <p className="detector-note">
        Try the detector on a known-masked model (or an honest or broken one): {entry.what} A sound detector says{' '}
        <strong>{entry.expected}</strong>.
        {loading && ` Training ${CORPUS[loading].label} in the worker…`}
        {demo && !loading && ` Loaded: ${demo.entry.label} (${demo.config.dataset}, ${formatPercent(demo.naturalAccuracy)} natural accuracy), examined at ε = ${demo.config.epsilon} as "Demo model".`}
      </p>
    </div>
  );
}
