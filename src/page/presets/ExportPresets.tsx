import { EXPORT_PRESETS, exportPresetCommands, exportPresetSummary } from '../../shared/export-presets';
import './export-presets.css';

/**
 * The export-only presets (src/shared/export-presets.ts): setups at the paper's own scale, which no
 * browser trains. Each says so and shows the commands that export its PyTorch script and run it on a
 * GPU cluster, where a trainable preset has its button; it sets nothing on the page.
 */
export function ExportPresets() {
  return (
    <div className="export-presets" role="group" aria-label="Export presets">
      {EXPORT_PRESETS.map((preset) => (
        <article key={preset.id} className="export-preset" aria-labelledby={`export-preset-${preset.id}`}>
          <h3 id={`export-preset-${preset.id}`}>{preset.name}</h3>
          <p>{preset.look}</p>
          <p className="caption">
            {exportPresetSummary(preset)}. {preset.sources}
          </p>
          <p>
            This one is for a GPU cluster: the page does not train it, so it has no Train button. Export the script with the command
            line and run it there (several GPUs or machines under torchrun; it checkpoints every epoch and resumes):
          </p>
          <pre className="export-preset-commands" aria-label={`Commands for ${preset.name}`}>
            <code>{exportPresetCommands(preset).join('\n')}</code>
          </pre>
        </article>
      ))}
    </div>
  );
}
