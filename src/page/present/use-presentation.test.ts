import { describe, expect, it } from 'vitest';
import { presentFromQuery, withPresent } from './use-presentation';

describe('presentation mode in the address', () => {
  it('is on only for present=1', () => {
    expect(presentFromQuery('?present=1&tau=5')).toBe(true);
    expect(presentFromQuery('?tau=5&present=1')).toBe(true);
    expect(presentFromQuery('?present=0')).toBe(false);
    expect(presentFromQuery('')).toBe(false);
  });

  it('adds and removes present=1 and keeps every setting', () => {
    const on = withPresent('http://localhost/?method=trades&lambda=4', true);
    expect(on).toBe('http://localhost/?method=trades&lambda=4&present=1');
    expect(withPresent(on, false)).toBe('http://localhost/?method=trades&lambda=4');
  });
});
