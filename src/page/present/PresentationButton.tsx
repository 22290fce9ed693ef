import { useEffect, useRef } from 'react';

/**
 * The way into presentation mode from the main page. When the person has just left presentation
 * mode, focus comes back here, where they left from, instead of falling to the top of the page.
 */
export function PresentationButton({ onEnter, returnFocus }: { onEnter: () => void; returnFocus: boolean }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (returnFocus) button.current?.focus();
  }, [returnFocus]);
  return (
    <button ref={button} type="button" className="present-enter" onClick={onEnter}>
      Presentation mode
    </button>
  );
}
