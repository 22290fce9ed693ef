import { useConfig } from '../state/config';
import { useRun } from '../state/run';
import { download } from './download';

/**
 * "Export as PyTorch script": one self-contained .py of the current settings, for runs too big for
 * a tab (several GPUs with torchrun). The generator is loaded on first click, so the page's
 * first load does not carry the Python text.
 */
export function TorchExportButton() {
  const config = useConfig((s) => s.config);
  const exportScript = async () => {
    try {
      const { torchScript, torchScriptName } = await import('../engine/export/torch-script');
      download(torchScriptName(config), torchScript(config), 'text/x-python');
    } catch (error) {
      useRun.getState().alert(`Export as PyTorch script: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return (
    <button type="button" onClick={() => void exportScript()} title="Download one Python file that runs these settings in PyTorch (python3 or torchrun)">
      Export as PyTorch script
    </button>
  );
}
