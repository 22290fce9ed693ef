import { describe, expect, it } from 'vitest';
import { presentAction } from './keys';

const element = (tagName: string, role: string | null = null) => ({ tagName, getAttribute: (name: string) => (name === 'role' ? role : null) });

describe('presentation keys', () => {
  it('moves the tour with the arrows and a clicker’s PageDown/PageUp, the chart with ] and [', () => {
    expect(presentAction({ key: 'ArrowRight' })).toBe('tour-next');
    expect(presentAction({ key: 'PageDown' })).toBe('tour-next');
    expect(presentAction({ key: 'ArrowLeft' })).toBe('tour-back');
    expect(presentAction({ key: 'PageUp' })).toBe('tour-back');
    expect(presentAction({ key: ']' })).toBe('chart-next');
    expect(presentAction({ key: '[' })).toBe('chart-previous');
    expect(presentAction({ key: 'Escape' })).toBe('leave');
    expect(presentAction({ key: 'a' })).toBeNull();
  });

  it('works from a focused button, so the tour’s own Next button does not swallow the arrows', () => {
    expect(presentAction({ key: 'ArrowRight', target: element('BUTTON') })).toBe('tour-next');
  });

  it('leaves the arrows to fields and sliders, but Esc leaves from anywhere', () => {
    expect(presentAction({ key: 'ArrowRight', target: element('INPUT') })).toBeNull();
    expect(presentAction({ key: 'ArrowLeft', target: element('DIV', 'slider') })).toBeNull();
    expect(presentAction({ key: ']', target: element('SELECT') })).toBeNull();
    expect(presentAction({ key: 'Escape', target: element('INPUT') })).toBe('leave');
  });

  it('leaves browser shortcuts alone (Alt+← is “back”)', () => {
    expect(presentAction({ key: 'ArrowLeft', altKey: true })).toBeNull();
    expect(presentAction({ key: 'ArrowRight', ctrlKey: true })).toBeNull();
    expect(presentAction({ key: 'Escape', metaKey: true })).toBeNull();
  });
});
