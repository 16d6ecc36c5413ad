import { describe, expect, it } from 'vitest';
import { exampleById, type JobGraph } from '@sluice/model';
import { parseJobGraphFile, serializeJobGraph } from '../../src/file/jobgraph-file';

/** The same object with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

describe('save: stable key order, 2-space indentation', () => {
  it('writes known fields in schema order and other keys sorted, indented by two spaces', () => {
    const graph = {
      edges: [{ key: 'r => r.k', partitioner: 'hash', target: 'b', source: 'a' }],
      operators: [
        { position: { y: 2, x: 1 }, params: { to: 3, from: 1 }, parallelism: 2, kind: 'source.sequence', id: 'a' },
        {
          params: { elements: [{ value: { z: 1, a: 2 } }] },
          kind: 'map',
          id: 'b',
          parallelism: 1,
          chaining: 'HEAD',
          name: 'B',
        },
      ],
      config: { checkpointing: { mode: 'EXACTLY_ONCE', intervalMs: 5 }, maxParallelism: 8 },
      name: 'stable',
      version: 1,
    } as unknown as JobGraph;
    expect(serializeJobGraph(graph)).toBe(`{
  "version": 1,
  "name": "stable",
  "config": {
    "maxParallelism": 8,
    "checkpointing": {
      "intervalMs": 5,
      "mode": "EXACTLY_ONCE"
    }
  },
  "operators": [
    {
      "id": "a",
      "kind": "source.sequence",
      "parallelism": 2,
      "params": {
        "from": 1,
        "to": 3
      },
      "position": {
        "x": 1,
        "y": 2
      }
    },
    {
      "id": "b",
      "kind": "map",
      "name": "B",
      "parallelism": 1,
      "params": {
        "elements": [
          {
            "value": {
              "a": 2,
              "z": 1
            }
          }
        ]
      },
      "chaining": "HEAD"
    }
  ],
  "edges": [
    {
      "source": "a",
      "target": "b",
      "partitioner": "hash",
      "key": "r => r.k"
    }
  ]
}
`);
  });

  it('gives the same bytes whatever order the keys were built in, and reads back the same graph', () => {
    const graph = exampleById('wordcount')!.jobGraph;
    const text = serializeJobGraph(graph);
    expect(serializeJobGraph(reversedKeys(graph) as JobGraph)).toBe(text);
    const parsed = parseJobGraphFile(text);
    expect(parsed.ok && parsed.jobGraph).toEqual(graph);
  });
});
