import { useConfig } from '../settings/config';
import { useAlerts } from '../use-alerts';
import { engine } from '../../hosts/worker/client';
import { errorText } from '../../shared/error-text';
import { download } from '../download';

/**
 * "Export as PyTorch script": one self-contained .py of the current settings, for runs too big for
 * a tab (several GPUs with torchrun). The engine writes it (the generator is loaded there on first
 * click, so no load carries the Python text before it is asked for).
 */
export function TorchExportButton() {
  const config = useConfig((s) => s.config);
  const exportScript = async () => {
    try {
      const { name, text } = await engine().torchScript(config);
      download(name, text, 'text/x-python');
    } catch (error) {
      useAlerts.getState().alert(`Export as PyTorch script: ${errorText(error)}`);
    }
  };
  return (
    <button type="button" onClick={() => void exportScript()} title="Download one Python file that runs these settings in PyTorch (python3 or torchrun)">
      Export as PyTorch script
    </button>
  );
}
