/** Ordinary least squares y = a + b·x, with the coefficient of determination R². */
export interface LineFit {
  intercept: number;
  slope: number;
  /** 1 − SS_res / SS_tot: 1 for points exactly on a line. */
  r2: number;
}

export function fitLine(points: ReadonlyArray<readonly [number, number]>): LineFit {
  const n = points.length;
  if (n < 2) throw new Error(`fitLine: needs at least 2 points, got ${n}`);
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  if (sxx === 0) throw new Error('fitLine: every x is the same');
  const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssTot = points.reduce((a, [, y]) => a + (y - my) ** 2, 0);
  const ssRes = points.reduce((a, [x, y]) => a + (y - intercept - slope * x) ** 2, 0);
  return { intercept, slope, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}
