/**
 * Presentation mode's keys, as a pure map from a key press to what it does, so a teacher with a
 * keyboard or a presenter's clicker (it sends PageDown/PageUp) never needs the mouse:
 * → or PageDown next step, ← or PageUp previous step, ] or . next chart, [ or , previous chart,
 * Esc leaves presentation mode.
 */
export type PresentAction = 'leave' | 'tour-next' | 'tour-back' | 'chart-next' | 'chart-previous';

/** What a key press needs to be read: its key, modifiers, and the element it was pressed in. */
export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  target?: { tagName?: string; getAttribute?: (name: string) => string | null; isContentEditable?: boolean } | null;
}

const KEYS: Record<string, PresentAction> = {
  Escape: 'leave',
  ArrowRight: 'tour-next', PageDown: 'tour-next',
  ArrowLeft: 'tour-back', PageUp: 'tour-back',
  ']': 'chart-next', '.': 'chart-next',
  '[': 'chart-previous', ',': 'chart-previous',
};

/** The on-screen summary of the keys, for the help line (the same map as above). */
export const KEY_HELP = '→ / ← or PageDown / PageUp: tour step · ] / [: chart · Esc: leave';

/** Whether the element takes these keys itself (a text field, a select, a slider): then they are its own. */
function ownsKeys(target: KeyPress['target']): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  if (['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName ?? '')) return true;
  return target.getAttribute?.('role') === 'slider';
}

/**
 * The action of `press`, or null when presentation mode should leave it alone: browser shortcuts
 * with Ctrl, Alt or Meta (Alt+← is "back"), and keys pressed in a field, except Esc, which leaves from anywhere.
 */
export function presentAction(press: KeyPress): PresentAction | null {
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  const action = KEYS[press.key] ?? null;
  if (action !== 'leave' && ownsKeys(press.target)) return null;
  return action;
}
