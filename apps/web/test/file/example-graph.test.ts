import { describe, expect, it } from 'vitest';
import { EXAMPLES, exampleById } from '@sluice/model';
import { exampleJobGraph } from '../../src/file/example-graph';

describe('examples open with job names in the UI language', () => {
  it('names the job by the translated title in zh and keeps the example name in en', () => {
    const wordcount = exampleById('wordcount')!;
    expect(exampleJobGraph(wordcount, 'zh').name).toBe('单词计数');
    expect(exampleJobGraph(wordcount, 'en').name).toBe('wordcount');
    for (const example of EXAMPLES) expect(exampleJobGraph(example, 'zh').name).toBe(example.title.zh);
  });

  it('opens a copy: editing it leaves the catalogue as it was', () => {
    const wordcount = exampleById('wordcount')!;
    const opened = exampleJobGraph(wordcount, 'zh');
    opened.operators[0]!.parallelism = 7;
    expect(wordcount.jobGraph.operators[0]!.parallelism).not.toBe(7);
    expect(wordcount.jobGraph.name).toBe('wordcount');
  });
});
