/**
 * The whole engine as one typed API: `EngineSession` implements it in-thread (Node tests,
 * scripts, the command line) and the page calls it on the worker through Comlink. Only plain
 * data crosses: configs in, events and numbers out — never a tensor.
 */
import type { BackendInfo, BackendName } from '../backend';
import type { Config, DatasetId } from '../../shared/config';
import type { Scale } from '../../shared/torch-scale';
import type { DataFileSource, LoadProgress } from '../data/files';
import type { ExportedModel, ModelSummary } from '../models/io';
import type { DetectorEvent, Emit, LambdaSweepEvent, RunEvent, TemperatureSweepEvent } from '../../shared/events';
import type { DetectorOptions, DetectorReport } from '../eval/detector';
import type { EpsilonSweepOptions, EpsilonPoint } from '../eval/epsilon-sweep';
import type { SoftLabelPoint, SoftLabelSample } from '../eval/soft-label-sample';
import type { TemperatureSweepOptions } from '../../shared/temperature-plan';
import type { LambdaSweepOptions } from './lambda-sweep';
import type { CalibrationPoint, TeacherCalibrationReport, TeacherCalibrationRequest } from './teacher-calibration';
import type { ReliabilityBin, ReliabilityDiagram } from '../../shared/theory/calibration';
import type { AttackSpec, RobustFigure } from '../eval/robust';
import type { AdversarialExample, AdversarialGallery, GalleryAttack, GalleryTarget } from '../eval/gallery';
import type { ImageSamples } from '../data/samples';
import type { CorpusEntry, CorpusId } from '../../shared/corpus';

export interface DatasetPreview {
  inputShape: number[];
  numClasses: number;
  classNames: string[];
  /** For 2-D data: the training points (x0, y0, x1, y1, …) and their labels. */
  points?: Float32Array;
  labels?: Int32Array;
  trainSize: number;
  testSize: number;
  /** A file data set that is not loaded yet (sizes are 0 until it is). */
  needsFiles?: boolean;
  /** For image data: the first few training images as bytes, with their labels. */
  samples?: ImageSamples;
}

/** What the "Dataset status" says after a good load. */
export interface DataStatus {
  dataset: DatasetId;
  /** One line: counts, shape, source. */
  description: string;
  trainSize: number;
  testSize: number;
  inputShape: number[];
}

export type { DataFileSource, ExportedModel, LoadProgress, ModelSummary };
export type { SoftLabelPoint, SoftLabelSample };
// What the page reads of the engine's answers (types only: the page never loads engine code).
export type { BackendInfo, BackendName, DetectorReport, EpsilonPoint };
export type { CheckNumber, CheckResult } from '../eval/checks';
export type { RobustFigure };
export type { LambdaSweepOptions };
export type { CalibrationPoint, ReliabilityBin, ReliabilityDiagram, TeacherCalibrationReport, TeacherCalibrationRequest };

export interface EngineApi {
  /** Choose the backend (webgpu → webgl → wasm → cpu, a software GPU after wasm; from `preferred` when given) and report it. */
  init(preferred?: BackendName): Promise<BackendInfo>;
  /** Describe the data set a config selects, with points to plot for 2-D data. */
  preview(config: Config): Promise<DatasetPreview>;
  /** Run one experiment; resolves when it ends (completed, stopped or failed). */
  train(config: Config, runId: number, onEvent: Emit<RunEvent>): Promise<void>;
  pause(): void;
  resume(): void;
  /** While paused: run one batch, then hold again (tensorflow/playground's Step). */
  step(): void;
  stop(): void;
  /** Change τ or λ for the running experiment; takes effect at the next batch. */
  setLive(params: { tau?: number; lambda?: number }): void;
  /**
   * Load a file data set (Fashion-MNIST IDX files, CIFAR-10 batches or archive) from picked
   * `File`s or `{name, bytes}`; parsed here, off the main thread. A bad file rejects with a
   * message naming it, and the previously loaded set stays.
   */
  loadDataFiles(dataset: DatasetId, files: DataFileSource[], onProgress?: (p: LoadProgress) => void): Promise<DataStatus>;
  /** The same from a URL: one file, or a folder URL ending in '/' holding the standard names. */
  loadFromUrl(dataset: DatasetId, url: string, onProgress?: (p: LoadProgress) => void): Promise<DataStatus>;
  /** What is loaded for a data set (an embedded set is read on first ask: the page shows the subset it trains on), or null. */
  dataStatus(dataset: DatasetId): Promise<DataStatus | null>;
  /** The teacher or student of the last run, as tfjs Layers files (model.json + weights). */
  exportModel(role: 'teacher' | 'student'): Promise<ExportedModel>;
  /** Import a tfjs Layers model (json + weights) for `dataset`; refused if its shapes do not fit. */
  importModel(files: DataFileSource[], dataset: DatasetId): Promise<ModelSummary>;
  /** Run the gradient-masking detector on a model (by role) over the first N test points. */
  runDetector(request: DetectorRequest, onEvent: Emit<DetectorEvent>): Promise<DetectorReport>;
  /** Stop the running detector at its next stage; its promise rejects with DetectorCancelled. */
  cancelDetector(): void;
  /**
   * Build a model of the detector's calibration corpus (trained on first use, kept for the
   * session) and make it the 'demo' role: "Try the detector on a known-masked model".
   */
  loadCorpusModel(id: CorpusId): Promise<CorpusSummary>;
  /** Robust accuracy against ε for PGD and Square on a model over the first N test points. */
  epsilonSweep(request: EpsilonSweepRequest, onProgress: (fraction: number) => void): Promise<EpsilonPoint[]>;
  /** Live tensor count, for leak checks from the page. */
  memory(): { numTensors: number; numBytes: number };
  /**
   * The last run's teacher on `count` test points (half nearest its decision boundary, half
   * farthest): its logits at temperature 1, the label and, on blobs, the oracle posterior. Null
   * when no teacher is trained. Computed once per teacher; the page applies softmax(q/τ) itself.
   */
  softLabels(count: number): Promise<SoftLabelSample | null>;
  /**
   * The last run's teacher on the first N test points, its logits computed once: per τ the soft
   * labels' mean entropy and max-probability and (on data sets with an oracle) G of paper Eq. 7,
   * and its τ = 1 reliability diagram. Rejects, saying what to do, when no teacher is trained.
   */
  teacherCalibration(request: TeacherCalibrationRequest): Promise<TeacherCalibrationReport>;
  /** Attack the first N test points of a model (by role) and return each clean/adversarial pair. */
  adversarialExamples(request: GalleryRequest): Promise<AdversarialGallery>;
  /**
   * The temperature sweep: the config as LTD once per τ on one (cached) teacher, each student's
   * natural, PGD and optionally Square accuracy as `sweep-point` events; with `findTauMax`, paper
   * §4.2's natural substitutes first. Pause and stop go through `pause`/`stop` like a run.
   */
  temperatureSweep(config: Config, options: TemperatureSweepOptions, onEvent: Emit<TemperatureSweepEvent>): Promise<void>;
  /**
   * The λ sweep (paper Tables 5–6): the config as LTD once per λ at its τ, one (cached) teacher,
   * and TRADES as the reference row; each student as a `lambda-point` event.
   */
  lambdaSweep(config: Config, options: LambdaSweepOptions, onEvent: Emit<LambdaSweepEvent>): Promise<void>;
  /** Robust accuracy of a model (by role) under one attack on the first N test points, with its settings. */
  evaluate(request: EvaluateRequest, onProgress?: (fraction: number) => void): Promise<RobustFigure>;
  /**
   * One self-contained PyTorch script for `config` (DESIGN.md §1's losses, torchrun-ready), and its file
   * name; `scale` is an export preset's paper-scale block (src/shared/torch-scale.ts), written beside it.
   */
  torchScript(config: Config, scale?: Scale): Promise<{ name: string; text: string }>;
  /** Free every model and tensor the session holds (the teacher, the last student, an import). */
  dispose(): void;
}

/**
 * Which model the detector examines: the last run's student or teacher, an imported model, or a
 * demo from the calibration corpus (loadCorpusModel).
 */
export type ModelRole = 'student' | 'teacher' | 'imported' | 'demo';

/** A loaded demo: what it is, and the config it was built with (its data set and ε are the detector's for it). */
export interface CorpusSummary {
  entry: CorpusEntry;
  config: Config;
  /** Natural accuracy on its whole test split, percent. */
  naturalAccuracy: number;
  /** The teacher it learned from, if any, for the transfer indicator. */
  hasTeacher: boolean;
}

export interface DetectorRequest {
  role: ModelRole;
  /** The page's current config (its data set is used for an imported model). */
  config: Config;
  /** Test points to use: the first N of the test split. */
  subset: number;
  epsilon: number;
  seed: number;
  /** Overrides of the detector's defaults (steps, restarts, query budget, thresholds…); the teacher to transfer from is the session's. */
  options?: Partial<Omit<DetectorOptions, 'epsilon' | 'seed' | 'transfer'>>;
}

export interface EvaluateRequest {
  role: ModelRole;
  /** The config (its data set is used for an imported model). */
  config: Config;
  /** Test points to use: the first N of the test split. */
  subset: number;
  attack: AttackSpec;
}

export interface EpsilonSweepRequest {
  role: ModelRole;
  config: Config;
  subset: number;
  options: EpsilonSweepOptions;
}

export type { AdversarialExample, AdversarialGallery, GalleryAttack, GalleryTarget, ImageSamples };

export interface GalleryRequest {
  role: ModelRole;
  /** The page's current config (its data set is used for an imported model). */
  config: Config;
  attack: GalleryAttack;
  /** Test points to attack: the first N of the test split. */
  count: number;
  epsilon: number;
  /** PGD's steps. */
  steps: number;
  /** Square's query budget per example. */
  queries: number;
  seed: number;
  /** PGD towards a class, or each point's least likely class; absent: untargeted. */
  target?: GalleryTarget;
}
