/**
 * The page's one door to its address. What it opened with is read once through the URL table
 * (src/shared/url-params.ts), a `?preset=` expanded: the stores start from it. Rewrites happen in
 * place (replaceState), so changing a setting or entering presentation mode adds no history entry.
 */
import { type OpenedAddress, readAddress } from '../shared/url-params';

export const opened: OpenedAddress = readAddress(typeof location === 'undefined' ? '' : location.search);

/** Replace the address's query with `change` of the current one (nothing happens if it is the same). */
export function rewriteQuery(change: (query: string) => string): void {
  if (typeof location === 'undefined') return;
  const url = new URL(location.href);
  const before = url.search;
  url.search = change(before);
  if (url.search !== before) history.replaceState(history.state, '', url);
}
