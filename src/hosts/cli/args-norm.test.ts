import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args';

describe('--norm', () => {
  it('sets the threat model (and the data set’s L2 radius); a bad value names the flag', () => {
    expect(parseCliArgs(['train', '--dataset', 'mnist', '--norm', 'l2']).config).toMatchObject({ norm: 'l2', epsilon: 2 });
    expect(() => parseCliArgs(['train', '--norm', 'l3'])).toThrow(/--norm l3/);
  });
});
