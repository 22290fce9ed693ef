import { useState } from 'react';
import { PRESETS, type Preset } from '../../shared/presets';
import { useConfig } from '../settings/config';
import { activePresetId, applyPreset, presetsWait } from './apply-preset';
import { selectEngineBusy, useStore } from '../store';
import { describePreset } from './describe-preset';
import { ExportPresets } from './ExportPresets';
import './presets.css';

/**
 * One click sets up a run that shows one lesson of the paper (src/shared/presets.ts): every
 * setting, the detector's budget and the URL. It never starts anything; the status line says
 * what was set and that Train runs it.
 */
export function Presets() {
  const active = useConfig((s) => activePresetId(s.config));
  const busy = presetsWait(useStore(selectEngineBusy));
  const [said, setSaid] = useState('');

  const choose = (preset: Preset) => {
    const { config, budget } = applyPreset(preset);
    setSaid(`Set “${preset.name}”: ${describePreset(config, budget)} Press Train to run it, then Run detector.`);
  };

  return (
    <section className="panel presets" role="region" aria-label="Presets">
      <h2>Presets</h2>
      <p className="hint">
        Each sets up one lesson of the paper on a small MNIST run (minutes each, measured on a 2-core CPU: the README says what each showed) and changes the address to match;
        nothing starts until you press Train.{busy ? ' Presets wait while a run or a sweep is in progress.' : ''}
      </p>
      <ul className="preset-list">
        {PRESETS.map((preset) => (
          <li key={preset.id}>
            <button type="button" aria-pressed={active === preset.id} aria-describedby={`preset-look-${preset.id}`} disabled={busy}
              onClick={() => choose(preset)}>
              {preset.name}
            </button>
            <p className="preset-look" id={`preset-look-${preset.id}`}>
              {preset.look} <a href={`?preset=${preset.id}`} aria-label={`Link to ${preset.name}`}>link</a>
            </p>
          </li>
        ))}
      </ul>
      <p className="caption" role="status" aria-label="Preset status">{said}</p>
      <ExportPresets />
    </section>
  );
}
