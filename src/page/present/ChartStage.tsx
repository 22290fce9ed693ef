import { AccuracyChart } from '../run/AccuracyChart';
import { DataPlot } from '../data/DataPlot';
import { DiscrepancyChart } from '../run/DiscrepancyChart';
import { EpsilonSweepChart } from '../detector/EpsilonSweepChart';
import { ImagePreview } from '../data/ImagePreview';
import { LearningRateChart } from '../run/LearningRateChart';
import { PanelBoundary } from '../PanelBoundary';
import { PRESENT_CHARTS, type PresentChartId } from './charts';

/** The page's own chart components: presentation mode shows the same figures, larger, one at a time. */
function StagedChart({ id }: { id: PresentChartId }) {
  switch (id) {
    case 'accuracy':
      return <AccuracyChart />;
    case 'epsilon':
      return <EpsilonSweepChart />;
    case 'discrepancy':
      return <DiscrepancyChart />;
    case 'learning-rate':
      return <LearningRateChart />;
    case 'data':
      return (
        <>
          <DataPlot />
          <ImagePreview />
        </>
      );
  }
}

/** One chart on stage, with previous/next buttons (the keys `[` and `]` do the same). */
export function ChartStage({ index, onMove }: { index: number; onMove: (delta: number) => void }) {
  const chart = PRESENT_CHARTS[index];
  return (
    <section className="present-stage" aria-label="Chart on stage">
      <div className="present-bar">
        <button type="button" onClick={() => onMove(-1)} aria-keyshortcuts="[">
          Previous chart
        </button>
        <p className="present-bar-text" aria-live="polite">
          Chart {index + 1} of {PRESENT_CHARTS.length}: {chart.name}
        </p>
        <button type="button" onClick={() => onMove(1)} aria-keyshortcuts="]">
          Next chart
        </button>
      </div>
      <PanelBoundary name={chart.name} key={chart.id}>
        <StagedChart id={chart.id} />
      </PanelBoundary>
    </section>
  );
}
