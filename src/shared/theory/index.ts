/**
 * The paper's theory in plain numbers, free of tfjs so the page can import it: Theorem 1 and the
 * simulations of Appendix C, and a teacher's calibration from its logits (Chen & Lee, arXiv 2111.02331).
 */
export * from './binary-simulation';
export * from './calibration';
export * from './dirichlet';
export * from './dirichlet-simulation';
export * from './theorem1';
// The Dirichlet draw takes the engine's seeded Rng (pure TS); re-exported so the page seeds it through this folder alone.
export { Rng } from '../rng';
