import { useEffect, useId, useState } from 'react';
import { FilePicker } from '../FilePicker';
import { DATASET_INFO, DATASET_LABELS, type DatasetId } from '../../shared/config';
import type { LoadProgress } from '../../hosts/worker/api';
import { useStore } from '../store';

const STAGES: Record<LoadProgress['stage'], string> = { reading: 'Reading', decompressing: 'Inflating', parsing: 'Parsing', done: 'Done' };

/** The picker of each file data set: its label (DESIGN.md §6), what it takes, and the hint under it. */
const PICKERS: Partial<Record<DatasetId, { label: string; multiple: boolean; url: boolean; accept?: string; hint: string }>> = {
  csv: {
    label: '2-D data (CSV)', multiple: false, url: false, accept: '.csv,.tsv,.txt,text/csv',
    hint: `One x,y,label row per line (header optional; comma, semicolon or tab); labels 0, 1, …, C − 1 ` +
      `(2 to ${DATASET_INFO.csv.numClasses} classes, at least 5 rows each). x and y are each scaled to [0, 1], so ε is a ` +
      'share of each axis\' range; 20 % of each class is held out for testing.',
  },
  cifar10: { label: 'Data files', multiple: true, url: true, hint: 'data_batch_1..5.bin and test_batch.bin, or cifar-10-binary.tar.gz' },
  'fashion-mnist': {
    label: 'Data files', multiple: true, url: true,
    hint: 'Runs start from the embedded 12 000 + 2 000 images; for all 70 000 pick train-images-idx3-ubyte, train-labels-idx1-ubyte, ' +
      't10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (.gz or not)',
  },
};

/**
 * Files for the data sets that come from files (Fashion-MNIST beyond its embedded subset, CIFAR-10, own 2-D data as CSV):
 * pick them or, for images, give a URL. The data slice hands them to the worker (data/slice.ts).
 */
export function DataFiles() {
  const dataset = useStore((s) => s.settings.config.dataset);
  const status = useStore.use.data.status();
  const progress = useStore.use.data.progress();
  const { refreshStatus, loadFiles, loadUrl } = useStore.getState().data;
  const [url, setUrl] = useState('');
  const urlId = useId();
  const picker = PICKERS[dataset];

  useEffect(() => void refreshStatus(dataset), [dataset, refreshStatus]);

  if (!picker) return null;

  return (
    <section className="panel data-files" aria-label="Own data">
      <h2>{DATASET_LABELS[dataset]}</h2>
      <FilePicker
        label={picker.label}
        multiple={picker.multiple}
        accept={picker.accept}
        disabled={progress !== null}
        onFiles={(files) => void loadFiles(dataset, files)}
      >
        <p className="hint">{picker.hint}</p>
      </FilePicker>
      {picker.url && (
        <form
          className="field"
          onSubmit={(e) => {
            e.preventDefault();
            if (url.trim()) void loadUrl(dataset, url.trim());
          }}
        >
          <label htmlFor={urlId}>Data URL</label>
          <div className="row">
            <input id={urlId} type="url" value={url} placeholder="https://…/ (folder) or …/file" onChange={(e) => setUrl(e.target.value)} />
            <button type="submit" disabled={progress !== null}>
              Load from URL
            </button>
          </div>
        </form>
      )}
      {progress && (
        <div className="field">
          <progress aria-label="Data loading progress" value={progress.fraction} max={1} />
          <p className="hint">
            {STAGES[progress.stage]} {progress.file}
          </p>
        </div>
      )}
      <p role="status" aria-label="Dataset status">
        {status ? status.description : 'Nothing loaded yet.'}
      </p>
    </section>
  );
}
