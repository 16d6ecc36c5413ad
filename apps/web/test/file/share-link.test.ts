import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '@sluice/model';
import { graphFromHash, graphHash } from '../../src/file/share-link';

describe('graph links in the URL hash', () => {
  it.each(EXAMPLES.map((e) => [e.id, e.jobGraph] as const))(
    '%s round-trips through a compressed, URL-safe hash',
    async (_, graph) => {
      const hash = await graphHash(graph);
      expect(hash).toMatch(/^#graph=[A-Za-z0-9_-]+$/);
      expect(hash.length).toBeLessThan(JSON.stringify(graph).length);
      expect(await graphFromHash(hash)).toEqual({ ok: true, jobGraph: graph });
    },
  );

  it('ignores a hash that is not a graph link and names a damaged one', async () => {
    expect(await graphFromHash('')).toBeUndefined();
    expect(await graphFromHash('#section')).toBeUndefined();
    const damaged = await graphFromHash('#graph=AAAA');
    expect(damaged).toMatchObject({ ok: false, error: 'not-json' });
    expect(damaged && !damaged.ok && damaged.error === 'not-json' && damaged.reason).toMatch(/^the link is damaged/);
  });
});
