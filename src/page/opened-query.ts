/**
 * The settings the page opened with: the address's query, with a `?preset=<id>` expanded into the
 * preset's settings (src/shared/presets.ts; parameters beside it override the preset's). Read once;
 * the stores start from it.
 */
import { expandPresetQuery } from '../shared/presets';

export const opened = expandPresetQuery(typeof location === 'undefined' ? '' : location.search);
