import { describe, expect, test } from 'vitest';
import { DataInput, DataOutput } from '../../src/serialization/data-io.js';
import { readValue, writeValue } from '../../src/serialization/value-serializer.js';

describe('value serializer: paths in errors, keys on reading', () => {
  test('a value deep inside arrays and objects is named by its whole path', () => {
    expect(() => writeValue(new DataOutput(), [{ x: [0, { y: Symbol('s') }] }])).toThrow(
      new TypeError('cannot serialize a symbol at $[0].x[1].y: records between tasks hold plain data'),
    );
    expect(() => writeValue(new DataOutput(), new Set([1]))).toThrow(
      new TypeError('cannot serialize a Set at $: use a plain object or an array'),
    );
  });

  test('an object comes back with its keys in order and "__proto__" among them as plain data', () => {
    const out = new DataOutput();
    writeValue(out, JSON.parse('{"b": 1, "__proto__": {"polluted": true}, "a": [2]}'));
    const back = readValue(new DataInput(out.written())) as Record<string, unknown>;
    expect(Object.keys(back)).toEqual(['b', '__proto__', 'a']);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
