import { describe, expect, it } from 'vitest';
import { CORPUS_IDS } from '../../../shared/corpus';
import { parseCliArgs, UsageError } from '../args';
import { corpusIds } from './corpus';

describe('corpus command arguments', () => {
  it('judges every corpus model by default, or the ones named after the command', () => {
    expect(corpusIds(parseCliArgs(['corpus']).presets)).toEqual([...CORPUS_IDS]);
    expect(corpusIds(parseCliArgs(['corpus', 'logits-x1000,natural']).presets)).toEqual(['logits-x1000', 'natural']);
  });

  it('refuses a model that is not in the corpus, naming it and the ones that are', () => {
    expect(() => corpusIds(['natural', 'ltd-hot'])).toThrow(UsageError);
    expect(() => corpusIds(['ltd-hot'])).toThrow(/corpus ltd-hot: not a corpus model \(natural, pgd-at, /);
  });
});
