import { describe, expect, it } from 'vitest';
import { OPERATOR_KINDS, PARTITIONERS } from '@sluice/model';
import { CATALOGUES, translate } from '../src/i18n';

describe('i18n catalogues', () => {
  it('en and zh define exactly the same keys, none empty', () => {
    expect(Object.keys(CATALOGUES.zh).sort()).toEqual(Object.keys(CATALOGUES.en).sort());
    for (const catalogue of Object.values(CATALOGUES))
      for (const text of Object.values(catalogue)) expect(text.trim()).not.toBe('');
  });

  it('every placeholder of an English message is also in its Chinese message', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(CATALOGUES.en) as (keyof typeof CATALOGUES.en)[]) {
      expect([key, placeholders(CATALOGUES.zh[key])]).toEqual([key, placeholders(CATALOGUES.en[key])]);
    }
  });

  it('names every operator kind and partitioner of the model in both languages', () => {
    const keys = new Set(Object.keys(CATALOGUES.en));
    for (const kind of OPERATOR_KINDS) expect(keys.has(`kind.${kind}`)).toBe(true);
    for (const p of PARTITIONERS) expect(keys.has(`partitioner.${p}`)).toBe(true);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'results.records', { n: 3 })).toBe('3 records');
    expect(translate('zh', 'results.records', { n: 3 })).toBe(CATALOGUES.zh['results.records'].replace('{n}', '3'));
    expect(translate('en', 'results.records')).toBe('{n} records');
  });
});
