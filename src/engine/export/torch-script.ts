/**
 * The experiment of the current settings as ONE runnable PyTorch script: python/ltd_torch.py, real
 * Python that chooses data, model, objective, attack and evaluation from a JSON config when it runs,
 * with the config written into its one marked line. Nothing else of the file is generated here.
 *
 * Why the settings go into the file rather than a config.json beside it: the page's button
 * downloads one file, and a person who runs it (or mails it, or copies it to a cluster) needs
 * nothing else; the settings stay visible at the top, where they can be edited. The repository's
 * copy carries none and takes `--config FILE` instead (python/ltd_torch.py says so).
 *
 * The engine never reads the file: its host hands the text in (EngineSession's `torchSource`: the
 * worker through Vite's `?raw` import, Node through src/hosts/node/torch-source.ts).
 */
import type { Config } from '../../shared/config';
import type { Scale } from '../../shared/torch-scale';

/** The line of python/ltd_torch.py that the export replaces with the settings. */
export const CONFIG_LINE = 'CONFIG = None';

/** The script source cannot take the settings: names the file and what is wrong. */
export class TorchSourceError extends Error {
  constructor(problem: string) {
    super(`python/ltd_torch.py: ${problem}`);
    this.name = 'TorchSourceError';
  }
}

/** The settings cannot be exported: names the setting and why. */
export class TorchExportError extends Error {
  constructor(readonly setting: keyof Config, problem: string) {
    super(`PyTorch export (${setting}): ${problem}`);
    this.name = 'TorchExportError';
  }
}

/** Throws a TorchExportError when the settings have no PyTorch run. */
export function checkExportable(config: Config): void {
  if (config.dataset === 'csv') {
    // A person's CSV would have to travel with the script, which regenerates its data or reads standard files.
    throw new TorchExportError('dataset', 'not available for own 2-D data (CSV): the script regenerates its data from the seed or reads standard data files');
  }
}

/**
 * The script for `config`: `source` (the text of python/ltd_torch.py) with its CONFIG line replaced by
 * `CONFIG = json.loads(r"""…""")` holding the settings exactly — with `scale`, an export preset's
 * paper-scale block (src/shared/torch-scale.ts), beside them.
 */
export function torchScript(source: string, config: Config, scale?: Scale): string {
  checkExportable(config);
  const lines = source.split('\n');
  const marked = lines.flatMap((line, i) => (line === CONFIG_LINE ? [i] : []));
  if (marked.length !== 1) {
    throw new TorchSourceError(`expected exactly one line "${CONFIG_LINE}" to carry the settings, found ${marked.length}`);
  }
  // Settings are numbers and enum words: the JSON holds no quotes that could end the raw string.
  lines[marked[0]] = `CONFIG = json.loads(r"""${JSON.stringify(scale ? { ...config, scale } : config, null, 2)}""")`;
  return lines.join('\n');
}

/**
 * The file name of the script for these settings: data set, model, method and its key numbers,
 * e.g. `ltd-blobs-mlp-ltd-tau5-lambda6-eps0.05-seed1.py` (`…-cifar10-wrn34-10-…` at paper scale).
 */
export function torchScriptName(config: Config, scale?: Scale): string {
  const model = scale ? `wrn${scale.architecture.depth}-${scale.architecture.widen}` : config.model;
  const parts = ['ltd', config.dataset, model, config.method];
  if (config.method === 'ltd') parts.push(`tau${config.tau}`);
  if (['ltd', 'trades', 'label-smoothing'].includes(config.method) && !(config.method === 'ltd' && config.ltdBase === 'pgd-at')) {
    parts.push(`lambda${config.lambda}`);
  }
  if (config.method === 'defensive-distillation') parts.push(`T${config.distillTemperature}`);
  if (config.awp === 'on') parts.push('awp');
  if (config.norm === 'l2') parts.push('l2');
  parts.push(`eps${Number(config.epsilon.toPrecision(4))}`, `seed${config.seed}`);
  return `${parts.join('-').replace(/[^A-Za-z0-9._-]/g, '_')}.py`;
}
