/**
 * Whether the page is in presentation mode, mirrored in the address as `?present=1` so a teacher
 * can open a link straight into it. Component state, not a store: only App switches on it.
 */
import { useCallback, useState } from 'react';

/** Whether a query string asks for presentation mode. */
export function presentFromQuery(search: string): boolean {
  return new URLSearchParams(search).get('present') === '1';
}

/** `href` with `present=1` added (on) or removed (off), every other parameter kept in its place. */
export function withPresent(href: string, on: boolean): string {
  const url = new URL(href);
  if (on) url.searchParams.set('present', '1');
  else url.searchParams.delete('present');
  return url.toString();
}

export interface Presentation {
  presenting: boolean;
  /** True once presentation mode was left in this page: the main page then gives focus back to its button. */
  left: boolean;
  enter: () => void;
  leave: () => void;
}

export function usePresentation(): Presentation {
  const [state, setState] = useState(() => ({ presenting: typeof location !== 'undefined' && presentFromQuery(location.search), left: false }));
  const switchTo = useCallback((on: boolean) => {
    // replaceState, as the settings do: entering and leaving is not a page to go back to.
    history.replaceState(history.state, '', withPresent(location.href, on));
    setState({ presenting: on, left: !on });
  }, []);
  return { ...state, enter: useCallback(() => switchTo(true), [switchTo]), leave: useCallback(() => switchTo(false), [switchTo]) };
}
