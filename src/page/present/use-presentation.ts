/**
 * Whether the page is in presentation mode, mirrored in the address as `?present=1` so a teacher
 * can open a link straight into it. Component state, not a store: only App switches on it.
 */
import { useCallback, useState } from 'react';
import { withParam } from '../../shared/url-params';
import { opened, rewriteQuery } from '../url';

export interface Presentation {
  presenting: boolean;
  /** True once presentation mode was left in this page: the main page then gives focus back to its button. */
  left: boolean;
  enter: () => void;
  leave: () => void;
}

export function usePresentation(): Presentation {
  const [state, setState] = useState(() => ({ presenting: opened.params.present, left: false }));
  const switchTo = useCallback((on: boolean) => {
    // In place, as the settings are: entering and leaving is not a page to go back to.
    rewriteQuery((query) => withParam(query, 'present', on ? '1' : null));
    setState({ presenting: on, left: !on });
  }, []);
  return { ...state, enter: useCallback(() => switchTo(true), [switchTo]), leave: useCallback(() => switchTo(false), [switchTo]) };
}
