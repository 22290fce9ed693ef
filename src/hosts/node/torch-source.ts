/**
 * The PyTorch export's Python (python/ltd_torch.py) as Node hosts hand it to the engine session:
 * the command line and the tests read it from the repository, as the worker imports it with `?raw`.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** python/ltd_torch.py in this checkout. */
export const TORCH_SOURCE_PATH = fileURLToPath(new URL('../../../python/ltd_torch.py', import.meta.url));

/** The text of python/ltd_torch.py (EngineSession's `torchSource`). */
export function readTorchSource(): Promise<string> {
  return readFile(TORCH_SOURCE_PATH, 'utf8');
}
