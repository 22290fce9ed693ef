import { useMemo } from 'react';
import { type BigFigure, presentFigures } from './figures';
import { currentRun } from '../run/slice';
import { useStore } from '../store';

/**
 * The three numbers that matter, in type a room can read — natural, white-box robust and Square
 * robust accuracy, each with the settings behind it — and the detector's verdict.
 */
export function BigNumbers() {
  const runs = useStore.use.run.runs();
  const report = useStore.use.detector.report();
  const request = useStore.use.detector.reportRequest();
  const figures = useMemo(() => presentFigures(currentRun(runs), report, request), [runs, report, request]);
  const { verdict } = figures;
  return (
    <section className="present-numbers" aria-label="Results">
      <BigNumber name="Natural accuracy" figure={figures.natural} />
      <BigNumber name="Robust accuracy" figure={figures.robust} />
      <BigNumber name="Square accuracy" figure={figures.square} />
      <p className={`present-verdict present-verdict-${verdict.word.replace(' ', '-')}`} role="status" aria-label="Detector verdict">
        <span className="present-verdict-label">Detector verdict</span>
        <strong className="present-verdict-word">{verdict.word}</strong>
        <span className="present-detail">{verdict.detail}</span>
      </p>
    </section>
  );
}

function BigNumber({ name, figure }: { name: string; figure: BigFigure }) {
  return (
    <p className={`present-number${figure.measured ? '' : ' present-number-missing'}`} role="status" aria-label={name}>
      <span className="present-number-name">{name}</span>
      <span className="present-number-value">{figure.value}</span>
      <span className="present-detail">{figure.detail}</span>
    </p>
  );
}
