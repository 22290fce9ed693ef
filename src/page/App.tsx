import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BackendName } from '../hosts/worker/api';
import { AccuracyChart } from './run/AccuracyChart';
import { LearningRateChart } from './run/LearningRateChart';
import { Alerts } from './Alerts';
import { BackendStatus } from './BackendStatus';
import { ControlsPanel } from './settings/ControlsPanel';
import { DataFiles } from './data/DataFiles';
import { DataPlot } from './data/DataPlot';
import { ImagePreview } from './data/ImagePreview';
import { AdversarialGallery } from './gallery/AdversarialGallery';
import { DetectorPanel } from './detector/DetectorPanel';
import { DiscrepancyChart } from './run/DiscrepancyChart';
import { EpsilonSweepChart } from './detector/EpsilonSweepChart';
import { ModelIO } from './models/ModelIO';
import { PanelBoundary } from './PanelBoundary';
import { Presets } from './presets/Presets';
import { RunControls } from './run/RunControls';
import { RunHistory } from './history/RunHistory';
import { SoftLabelInspector } from './soft-labels/SoftLabelInspector';
import { TemperatureSweep } from './temperature-sweep/TemperatureSweep';
import { LambdaSweep } from './lambda-sweep/LambdaSweep';
import { TrainingProgress } from './run/TrainingProgress';
import { WhyTemperatureMatters } from './theory/WhyTemperatureMatters';
import { TeacherCalibration } from './calibration/TeacherCalibration';
import { Presentation } from './present/Presentation';
import { PresentationButton } from './present/PresentationButton';
import { usePresentation } from './present/use-presentation';
import { syncSettingsToAddress } from './settings/sync-address';
import { type Store, useStore } from './store';
import { opened } from './url';

/**
 * `?backend=wasm` (or webgpu, webgl, cpu) takes that backend, or starts the search there, e.g. to
 * compare backends; `?backend=webgpu` takes even a software adapter, which the search puts after wasm.
 */
const preferredBackend = (): BackendName | undefined => opened.params.backend ?? undefined;

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(target.tagName);
}

/** The fields the data set's preview depends on: App re-renders when one changes, not on every setting. */
const previewFields = ({ settings: { config } }: Store) => ({
  dataset: config.dataset, seed: config.seed, trainSize: config.trainSize, testSize: config.testSize, overlap: config.overlap,
});

export function App() {
  const { dataset, seed, trainSize, testSize, overlap } = useStore(useShallow(previewFields));
  const { init, loadPreview } = useStore.getState().run;
  const presentation = usePresentation();

  useEffect(() => {
    void init(preferredBackend());
    if (opened.issues.length > 0) {
      useStore.getState().alerts.alert(`Settings in the address refused, defaults kept: ${opened.issues.map((i) => i.message).join('; ')}`);
    }
    return syncSettingsToAddress();
  }, [init]);

  // The data set only depends on these fields; regenerate its preview when one changes.
  useEffect(() => {
    const timer = setTimeout(() => void loadPreview(useStore.getState().settings.config), 150);
    return () => clearTimeout(timer);
  }, [dataset, seed, trainSize, testSize, overlap, loadPreview]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || isTypingTarget(event.target)) return;
      const { status, pause, resume } = useStore.getState().run;
      if (status === 'running') pause();
      else if (status === 'paused' || status === 'pausing') resume();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (presentation.presenting) {
    return (
      <>
        <PanelBoundary name="Alerts"><Alerts /></PanelBoundary>
        <PanelBoundary name="Presentation"><Presentation onLeave={presentation.leave} /></PanelBoundary>
      </>
    );
  }

  // Each region sits in its own boundary: a panel that throws shows what failed and an alert,
  // never a blank page.
  return (
    <div className="app">
      <header>
        <div>
          <h1>LTD Playground</h1>
          <p className="tagline">
            Low Temperature Distillation (Chen &amp; Lee, 2021): a robust student learns from a natural teacher’s soft labels
            at temperature τ.
          </p>
        </div>
        <div className="header-side">
          <PresentationButton onEnter={presentation.enter} returnFocus={presentation.left} />
          <PanelBoundary name="Backend status"><BackendStatus /></PanelBoundary>
        </div>
      </header>
      <PanelBoundary name="Alerts"><Alerts /></PanelBoundary>
      <main>
        <aside>
          <PanelBoundary name="Settings"><ControlsPanel /></PanelBoundary>
          <PanelBoundary name="Data files"><DataFiles /></PanelBoundary>
          <PanelBoundary name="Run controls">
            <RunControls />
            <TrainingProgress />
          </PanelBoundary>
          <PanelBoundary name="Models and metrics"><ModelIO /></PanelBoundary>
        </aside>
        <div className="results">
          <PanelBoundary name="Presets"><Presets /></PanelBoundary>
          <div className="pair pair-training">
            <div>
              <PanelBoundary name="Accuracy chart"><AccuracyChart /></PanelBoundary>
              <PanelBoundary name="Learning rate chart"><LearningRateChart /></PanelBoundary>
            </div>
            <PanelBoundary name="Data">
              <DataPlot />
              <ImagePreview />
            </PanelBoundary>
          </div>
          <PanelBoundary name="Gradient masking detector"><DetectorPanel /></PanelBoundary>
          <PanelBoundary name="Run history"><RunHistory /></PanelBoundary>
          <div className="pair">
            <PanelBoundary name="Epsilon sweep"><EpsilonSweepChart /></PanelBoundary>
            <PanelBoundary name="Discrepancy G(Z)"><DiscrepancyChart /></PanelBoundary>
          </div>
          <PanelBoundary name="Temperature sweep"><TemperatureSweep /></PanelBoundary>
          <PanelBoundary name="Lambda sweep"><LambdaSweep /></PanelBoundary>
          <PanelBoundary name="Soft labels"><SoftLabelInspector /></PanelBoundary>
          <PanelBoundary name="Teacher calibration"><TeacherCalibration /></PanelBoundary>
          <PanelBoundary name="Adversarial examples"><AdversarialGallery /></PanelBoundary>
          <PanelBoundary name="Why temperature matters"><WhyTemperatureMatters /></PanelBoundary>
        </div>
      </main>
    </div>
  );
}
