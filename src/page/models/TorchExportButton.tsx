import { useStore } from '../store';

/**
 * "Export as PyTorch script": one self-contained .py of the current settings, for runs too big for
 * a tab (several GPUs with torchrun). The models slice asks the engine for it and downloads it.
 */
export function TorchExportButton() {
  return (
    <button type="button" onClick={() => void useStore.getState().models.exportTorchScript()}
      title="Download one Python file that runs these settings in PyTorch (python3 or torchrun)">
      Export as PyTorch script
    </button>
  );
}
