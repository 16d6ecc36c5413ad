import { describe, expect, it } from 'vitest';
import { OPERATOR_KINDS } from '@sluice/model';
import { matchingKinds } from '../../src/actions/kind-search';
import { translate } from '../../src/i18n';

const zh = (kind: (typeof OPERATOR_KINDS)[number]) => translate('zh', `kind.${kind}`);
const en = (kind: (typeof OPERATOR_KINDS)[number]) => translate('en', `kind.${kind}`);

describe('quick add search', () => {
  it("puts a kind's own name first, then kinds starting with the text, then kinds containing it", () => {
    expect(matchingKinds('collect', en)).toEqual(['sink.collect', 'source.collection']);
    expect(matchingKinds('map', en)).toEqual(['map', 'flatMap', 'coMap', 'coFlatMap']);
    expect(matchingKinds('  SEQ ', en)).toEqual(['source.sequence']);
  });

  it('finds kinds by their label in the UI language, and never offers the unsupported Flink kind', () => {
    expect(matchingKinds(zh('window'), zh)).toEqual(['window']);
    expect(matchingKinds('', en)).toHaveLength(OPERATOR_KINDS.length - 1);
    expect(matchingKinds('flink', en)).toEqual([]);
  });
});
