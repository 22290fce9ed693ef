/**
 * The settings mirrored in the address, so a link reproduces a run: each change of the config
 * rewrites its parameters in place (no history entries) and leaves every other parameter
 * (`backend`, the detector's, …) where it was. The listener hears every change to the store and
 * returns at once unless the config itself changed.
 */
import { configToQuery } from '../../shared/config';
import { expandPresetQuery } from '../../shared/presets';
import { filterQuery, joinQueries } from '../../shared/url-params';
import { useStore } from '../store';
import { rewriteQuery } from '../url';

/** Keep the address in step with the settings from now on; returns the unsubscribe. */
export function syncSettingsToAddress(): () => void {
  // A `?preset=` link is written out as the settings it stands for, so that later changes edit
  // those settings rather than stack on a preset that the next load would expand again.
  rewriteQuery((query) => {
    const expanded = expandPresetQuery(query);
    return expanded.preset || expanded.issue ? expanded.query : query;
  });
  return useStore.subscribe((state, previous) => {
    if (state.settings.config === previous.settings.config) return;
    rewriteQuery((query) => joinQueries(configToQuery(state.settings.config), filterQuery(query, (_key, param) => param?.group !== 'settings')));
  });
}
