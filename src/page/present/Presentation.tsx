import { useCallback, useEffect, useRef, useState } from 'react';
import { BackendStatus } from '../BackendStatus';
import { PanelBoundary } from '../PanelBoundary';
import { BigNumbers } from './BigNumbers';
import { ChartStage } from './ChartStage';
import { PRESENT_CHARTS, chartAfter } from './charts';
import { KEY_HELP, presentAction } from './keys';
import { PresentRunBar } from './PresentRunBar';
import { TOUR, type TourStep, tourStep } from './tour';
import { openStepSettings } from './tour-settings';
import { TourPanel } from './TourPanel';
import './present.css';

interface PresentationProps {
  onLeave: () => void;
  /** The tour to walk through: the three numbers, then the presets. */
  tour?: readonly TourStep[];
}

/**
 * Presentation mode: large type for a projector, the three numbers and the verdict, one chart at a
 * time and a guided tour — all by keyboard (see keys.ts), focus visible, Esc or the Leave button to go back.
 */
export function Presentation({ onLeave, tour = TOUR }: PresentationProps) {
  const [step, setStep] = useState(0);
  const [chart, setChart] = useState(() => chartIndex(tour[0]?.chart));
  const heading = useRef<HTMLHeadingElement>(null);

  const moveTour = useCallback(
    (delta: number) => {
      const next = tourStep(step, tour.length, delta);
      setStep(next);
      if (next === step) return;
      // A step that names a chart puts it on stage; one that does not leaves the chart the teacher chose.
      if (tour[next]?.chart) setChart(chartIndex(tour[next].chart));
      // A preset's step sets the page up for it, as its button does (opening presentation mode changes nothing).
      openStepSettings(tour[next]);
    },
    [step, tour],
  );
  const moveChart = useCallback((delta: number) => setChart((c) => chartAfter(c, PRESENT_CHARTS.length, delta)), []);

  // Keyboard focus starts inside the presentation, so a screen reader announces it and Tab goes from its top.
  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { key, ctrlKey, altKey, metaKey } = event;
      const action = presentAction({ key, ctrlKey, altKey, metaKey, target: event.target instanceof HTMLElement ? event.target : null });
      if (!action) return;
      event.preventDefault();
      if (action === 'leave') onLeave();
      else if (action === 'tour-next') moveTour(1);
      else if (action === 'tour-back') moveTour(-1);
      else moveChart(action === 'chart-next' ? 1 : -1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onLeave, moveTour, moveChart]);

  return (
    <div className="present">
      <header className="present-header">
        <h1 ref={heading} tabIndex={-1}>LTD Playground</h1>
        <p className="present-keys">{KEY_HELP}</p>
        <PanelBoundary name="Backend status"><BackendStatus /></PanelBoundary>
        <button type="button" onClick={onLeave} aria-keyshortcuts="Escape">
          Leave presentation
        </button>
      </header>
      <main className="present-main">
        <PanelBoundary name="Results"><BigNumbers /></PanelBoundary>
        <PanelBoundary name="Chart on stage"><ChartStage index={chart} onMove={moveChart} /></PanelBoundary>
        <div className="present-side">
          <PanelBoundary name="Guided tour">{tour.length > 0 && <TourPanel steps={tour} index={step} onMove={moveTour} />}</PanelBoundary>
          <PanelBoundary name="Run"><PresentRunBar /></PanelBoundary>
        </div>
      </main>
    </div>
  );
}

function chartIndex(id: string | undefined): number {
  return Math.max(0, PRESENT_CHARTS.findIndex((c) => c.id === id));
}
