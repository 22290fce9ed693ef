import { useState } from 'react';
import { PRESET_SIZE_PARAM, PRESETS, type Preset, type PresetSize } from '../../shared/presets';
import { activePresetId, applyPreset, presetsWait, usePresetSize } from './apply-preset';
import { selectEngineBusy, useStore } from '../store';
import { describePreset } from './describe-preset';
import { ExportPresets } from './ExportPresets';
import './presets.css';

const SIZE_WORDS: Record<PresetSize, string> = { cpu: 'CPU size', gpu: 'GPU size' };

/** What the button said it set, and what to press next: Train for a run, Run τ sweep for the sweep. */
function setText(preset: Preset, size: PresetSize, described: string): string {
  const next = preset.runs === 'tau-sweep'
    ? ` τ = ${(preset.sizes[size].taus ?? []).join(', ')}, each student attacked by PGD, AA-lite and Square. Press Run τ sweep in the Temperature sweep panel.`
    : ' Press Train to run it, then Run detector.';
  return `Set “${preset.name}” (${SIZE_WORDS[size]}, about ${preset.sizes[size].minutes} min): ${described}${next}`;
}

/** The line under the presets: which size this backend gets, and why. */
export function SizeLine() {
  const backend = useStore.use.run.backend();
  const size = usePresetSize();
  const why = !backend
    ? 'until the backend is known'
    : size === 'gpu'
      ? `${backend.name} runs on a GPU here`
      : `${backend.name} runs on the CPU here${backend.name === 'webgpu' ? ' (a software adapter)' : ''}`;
  return (
    <p className="caption" role="note" aria-label="Preset size">
      Presets use their {SIZE_WORDS[size]} ({why}): {size === 'cpu' ? 'about ten minutes each on a 2-core CPU with the fastest CPU backend' : 'more data, epochs and test points'}.
      {size === 'cpu'
        ? <>The CPU sizes were measured by <code>npx ltd-playground presets --verify</code> (README, Presets); a preset whose claim did not hold says so.</>
        : <>The GPU sizes are estimates from DESIGN.md §5, not yet verified by <code>npx ltd-playground presets --verify --size gpu</code>.</>}
    </p>
  );
}

/**
 * One click sets up a run (or the τ sweep) that shows one lesson of the paper (src/shared/presets.ts):
 * every setting at the size the backend gets, the detector's budget and the URL. It never starts
 * anything; the status line says what was set and what to press.
 */
export function Presets() {
  const active = useStore((s) => activePresetId(s.settings.config));
  const busy = presetsWait(useStore(selectEngineBusy));
  const size = usePresetSize();
  const [said, setSaid] = useState('');

  const choose = (preset: Preset) => {
    const { config, budget } = applyPreset(preset, size);
    setSaid(setText(preset, size, describePreset(config, budget)));
  };

  return (
    <section className="panel presets" role="region" aria-label="Presets">
      <h2>Presets</h2>
      <p className="hint">
        Each sets up one lesson of the paper on the embedded Fashion-MNIST and changes the address to match; nothing starts until you
        press Train (or Run τ sweep).{busy ? ' Presets wait while a run or a sweep is in progress.' : ''}
      </p>
      <ul className="preset-list">
        {PRESETS.map((preset) => (
          <li key={preset.id}>
            <button type="button" aria-pressed={active === preset.id} aria-describedby={`preset-look-${preset.id}`} disabled={busy}
              onClick={() => choose(preset)}>
              {preset.name}
            </button>
            <p className="preset-look" id={`preset-look-${preset.id}`}>
              {preset.look}{preset.verified && size === 'cpu' ? ' (Verified at this size.)' : preset.verified ? ' (Not yet verified at this size.)' : ' (Its claim did not hold at the CPU size.)'}{' '}
              <a href={`?preset=${preset.id}${size === 'gpu' ? `&${PRESET_SIZE_PARAM}=gpu` : ''}`} aria-label={`Link to ${preset.name}`}>link</a>
            </p>
          </li>
        ))}
      </ul>
      <SizeLine />
      <p className="caption" role="status" aria-label="Preset status">{said}</p>
      <ExportPresets />
    </section>
  );
}
