/**
 * The results file an exported PyTorch script writes (./torch-script.ts). Its schema is shared
 * vocabulary (src/shared/torch-results.ts, tfjs-free) because the page's run history imports it;
 * the engine's script and tests read it from here.
 */
export * from '../../shared/torch-results';
