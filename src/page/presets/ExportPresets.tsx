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
          <p className="preset-look">{preset.look}</p>
          <p className="caption">
            {exportPresetSummary(preset)}. {preset.sources}
          </p>
          <p className="hint">
            No Train button: export the script with the command line and run it where the GPUs are (one machine or several under
            torchrun; it writes a checkpoint every epoch and resumes from it):
          </p>
          <figure className="export-preset-commands" aria-label={`Commands for ${preset.name}`}>
            <pre>
              <code>{exportPresetCommands(preset).join('\n')}</code>
            </pre>
          </figure>
        </article>
      ))}
    </div>
  );
}
