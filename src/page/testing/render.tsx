/**
 * Rendering React in unit tests (vitest + happy-dom, no testing library): mount into a detached
 * container, let effects and store updates settle inside `act`, read the DOM by role and name.
 */
import { act, type ReactNode } from 'react';
import { type Root, createRoot } from 'react-dom/client';

// React 19 only flushes updates inside act() when told it runs in a test.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// happy-dom does no layout: every box is 0 px wide, and recharts' ResponsiveContainer draws nothing
// at 0. A chart's container reads 560 px here, the width the charts start at in a browser.
if (typeof HTMLElement !== 'undefined') {
  const clientWidth = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth') ?? Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('recharts-responsive-container') ? 560 : (clientWidth?.get?.call(this) ?? 0);
    },
  });
}

export interface Rendered {
  container: HTMLElement;
  /** Run `change` (a store update, a click) and let React finish rendering. */
  update: (change: () => void | Promise<void>) => Promise<void>;
  /** Render `node` in place of the first (new props for the same components). */
  rerender: (node: ReactNode) => void;
  unmount: () => Promise<void>;
}

export async function render(node: ReactNode): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.append(container);
  let root: Root;
  await act(async () => {
    root = createRoot(container);
    root.render(node);
  });
  return {
    container,
    update: (change) => act(async () => void (await change())),
    rerender: (next) => root.render(next),
    unmount: async () => {
      await act(async () => root.unmount());
      container.remove();
    },
  };
}

const IMPLICIT_ROLES: Record<string, string> = { button: 'button', table: 'table', figure: 'figure', select: 'combobox' };

function roleOf(el: HTMLElement): string | undefined {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit;
  if (el instanceof HTMLInputElement) return el.type === 'number' ? 'spinbutton' : el.type === 'range' ? 'slider' : el.type === 'checkbox' ? 'checkbox' : 'textbox';
  return IMPLICIT_ROLES[el.tagName.toLowerCase()];
}

/** The accessible name, as far as these tests need it: aria-label, aria-labelledby, else the label element, else the text (aria-hidden parts left out). */
function nameOf(el: HTMLElement): string {
  const labelled = el.getAttribute('aria-label');
  if (labelled) return labelled;
  const by = el.getAttribute('aria-labelledby');
  if (by) return by.split(/\s+/).map((id) => el.ownerDocument.getElementById(id)?.textContent?.trim() ?? '').join(' ');
  const label = el.id ? el.ownerDocument.querySelector(`label[for="${el.id}"]`) : el.closest('label');
  return visibleText(label ?? el).trim();
}

/** Text content as a screen reader reads it: without what is aria-hidden (a sort arrow, an icon). */
function visibleText(el: Element): string {
  if (!el.querySelector('[aria-hidden="true"]')) return el.textContent ?? '';
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return copy.textContent ?? '';
}

/** Elements with `role` (explicit, or the element's own for the few used here) whose accessible name matches `name`. */
export function byRole(container: HTMLElement, role: string, name?: string | RegExp): HTMLElement[] {
  const all = [...container.querySelectorAll<HTMLElement>('*')].filter((el) => roleOf(el) === role);
  if (name === undefined) return all;
  return all.filter((el) => (typeof name === 'string' ? nameOf(el) === name : name.test(nameOf(el))));
}
