/** How an axis spaces its values (recharts' scale of the same name). */
export type ScaleKind = 'linear' | 'log';

/** One line: its points as [x, y] (a null y is skipped, the line joins its neighbours). */
export interface ChartSeries {
  key: string;
  /** What the legend and the tooltip call it. */
  name: string;
  points: ReadonlyArray<readonly [number, number | null]>;
  color: string;
  width?: number;
  /** SVG stroke-dasharray, e.g. "6 3". */
  dash?: string;
  dots?: boolean;
  /** Markers only, no line between them (sampled points over a curve). */
  markers?: boolean;
  /**
   * 'diamond': the points drawn as diamonds with no line between them (one figure set apart from
   * the lines, e.g. the accuracy chart's final AA-lite point); the legend shows a diamond too.
   */
  marker?: 'diamond';
  /**
   * A shaded range around the line, as [x, low, high] (the min–max over repeated seeds): filled in
   * the series' colour, under every line; a band at a single x is drawn as a whisker.
   */
  band?: ReadonlyArray<readonly [number, number, number]>;
}

export interface ChartAxis {
  label?: string;
  /** Either end fixed, or 'auto' for the data's extent. */
  domain?: [number | 'auto', number | 'auto'];
  scale?: ScaleKind;
  /** Ticks on whole numbers only (epochs): recharts' allowDecimals off. */
  integer?: boolean;
  /** How a tick prints a value: one of src/shared/format.ts. */
  format: (value: number) => string;
  /** How the tooltip prints a value, when it needs more digits than a tick. */
  detail?: (value: number) => string;
}

/** A labelled straight line across the plot: at an x (a live τ change) or at a y (a reference level). */
export interface ChartRule {
  axis: 'x' | 'y';
  at: number;
  label: string;
  color?: string;
}
