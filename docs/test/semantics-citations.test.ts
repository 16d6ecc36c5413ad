/**
 * Every `§` citation in the repository resolves to a heading (or reference key) of docs/semantics.md, so a reader of
 * a test or a comment can find the rule it stands for.
 */
import { describe, expect, test } from 'vitest';
import { readRepositoryFile, repositoryTextFiles } from './repository';
import { citationsIn, indexSemantics, unresolved } from './semantics-index';

const index = indexSemantics(readRepositoryFile('docs/semantics.md'));

describe('docs/semantics.md', () => {
  test('numbers its sections §1 to §8, each with its headings', () => {
    expect([...index.headings.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(index.headings.get(3)).toContain('Key groups');
    expect(index.headings.get(8)).toContain('Ex 4');
    expect(index.referenceKeys).toContain('LIP');
  });

  test('every § citation in code, tests and docs resolves to one of its headings', () => {
    // docs/test states citations that must not resolve, as examples.
    const files = repositoryTextFiles().filter((f) => f !== 'docs/semantics.md' && !f.startsWith('docs/test/'));
    const failures: string[] = [];
    for (const file of files) {
      readRepositoryFile(file)
        .split('\n')
        .forEach((line, i) => {
          for (const citation of citationsIn(line)) {
            const reason = unresolved(index, citation);
            if (reason) failures.push(`${file}:${i + 1}: "${citation.text}": ${reason}`);
          }
        });
    }
    expect(failures).toEqual([]);
  });
});

describe('a citation', () => {
  const cite = (line: string) => citationsIn(line).map((citation) => unresolved(index, citation));

  test('resolves by a heading of its section, in any case, followed by anything', () => {
    expect(cite('// §3 Key groups: every subtask owns at least one')).toEqual([undefined]);
    expect(cite("test('... (§8 Ex 1 data)', () => {")).toEqual([undefined]);
    expect(cite('§2 placement invariants')).toEqual([undefined]);
    expect(cite('§5 Lateness, §6 Windows')).toEqual([undefined, undefined]);
  });

  test('resolves by a reference key, or as a bare section number before prose', () => {
    expect(cite('§2 [LIP]: D follows its forward producer')).toEqual([undefined]);
    expect(cite('§4: a task')).toEqual([undefined]);
    expect(cite('§1 rules 1 and 7')).toEqual([undefined]);
  });

  test('resolves when a comment line ends inside its heading', () => {
    expect(cite(' * Checkpoints over REST (§4 Credit-based flow')).toEqual([undefined]);
  });

  test('fails on a missing section, heading or reference key, naming it', () => {
    expect(cite('§9 Anything')).toEqual(['docs/semantics.md has no section §9']);
    expect(cite('§6 SEW: sliding')).toEqual(['§6 has no heading "SEW"']);
    expect(cite('§3 Ex 4 wiring')).toEqual(['§3 has no heading "Ex 4 wiring"']);
    expect(cite('§2 [XYZ]')).toEqual(['no reference [XYZ] in docs/semantics.md']);
  });
});
