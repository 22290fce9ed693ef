/**
 * The Appendix C chart's finding in one sentence (Chen & Lee, arXiv 2111.02331): where the
 * teacher's soft labels beat the one-hot-like model, and where they are best. Words for the
 * caption, so a reader need not read the curve.
 */
import { formatDecimal, formatSignificant } from '../../shared/format';
import type { SimulationData } from './simulation-data';

const nats = (g: number) => `${formatSignificant(g, 3)} nats`;
const temperature = (t: number) => (Number.isFinite(t) ? `T ≈ ${formatDecimal(t, 2)}` : 'T = ∞');

/** How an x value reads: s with three significant digits, or a temperature. */
export function formatX(data: SimulationData, x: number): string {
  return data.variant === 'binary' ? `s = ${formatSignificant(x, 3)}` : temperature(x);
}

/**
 * One sentence on the curve.
 *
 * @param data  the chart's numbers from buildSimulationData
 */
export function describeSimulation(data: SimulationData): string {
  const { best, softBelowOneHot: below, oneHot } = data;
  const where = data.variant === 'binary' ? `${formatX(data, best.x)} (${temperature(best.temperature)})` : formatX(data, best.x);
  const bestText = `the soft labels’ smallest G, ${nats(best.g)}, is at ${where}`;
  if (!below) return `At these settings the soft labels never beat model 1 (G = ${nats(oneHot)}); ${bestText}.`;
  const range = below.from === below.to ? `at ${formatX(data, below.from)}` : `from ${formatX(data, below.from)} to ${formatX(data, below.to)}`;
  return `Soft labels beat the one-hot-like model 1 (G = ${nats(oneHot)}) ${range}; ${bestText}.`;
}
