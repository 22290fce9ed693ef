import { describe, expect, it } from 'vitest';
import { errorText } from './error-text';

describe('errorText', () => {
  it('gives an Error’s message, a subclass’s too, without its name', () => {
    expect(errorText(new Error('model.json: not JSON'))).toBe('model.json: not JSON');
    expect(errorText(new TypeError('x is undefined'))).toBe('x is undefined');
  });

  it('gives anything else thrown as its string', () => {
    expect(errorText('quota exceeded')).toBe('quota exceeded');
    expect(errorText(42)).toBe('42');
    expect(errorText(undefined)).toBe('undefined');
  });
});
