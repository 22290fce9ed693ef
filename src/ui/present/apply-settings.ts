/**
 * Put a tour step's settings (a query in the page's URL form) into the settings store, field by
 * field through its own `set`, so every value is validated as if a person had chosen it.
 */
import { configFromQuery, type FieldKey } from '../../shared/config';
import { useConfig } from '../../state/config';

/** The fields whose change brings other defaults along (ε scale, model, optimiser): set first, then the rest override. */
const FIRST: readonly FieldKey[] = ['dataset', 'method', 'model'];

/**
 * Apply `query` over the defaults, as opening the page with it would; the refused parameters are
 * returned (each names the field) and leave the current value in place.
 */
export function applySettings(query: string): { field: string; message: string }[] {
  const { config, issues } = configFromQuery(query);
  const { set } = useConfig.getState();
  const keys = [...FIRST, ...(Object.keys(config) as (FieldKey | 'version')[]).filter((k): k is FieldKey => k !== 'version' && !FIRST.includes(k as FieldKey))];
  for (const key of keys) {
    if (useConfig.getState().config[key] !== config[key]) set(key, config[key]);
  }
  return issues;
}
