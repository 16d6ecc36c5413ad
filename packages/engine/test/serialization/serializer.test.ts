import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { StreamElement } from '../../src/elements/stream-element.js';
import { DataInput, DataOutput } from '../../src/serialization/data-io.js';
import {
  RecordDeserializer,
  RecordSerializer,
  deserializeEvent,
  serializeEvent,
} from '../../src/serialization/record-serializer.js';
import { readValue, writeValue } from '../../src/serialization/value-serializer.js';

const roundTripValue = (value: unknown): unknown => {
  const out = new DataOutput(8);
  writeValue(out, value);
  const input = new DataInput(out.written());
  const back = readValue(input);
  expect(input.remaining()).toBe(0);
  return back;
};

const records = fc.array(
  fc.record({
    value: fc.jsonValue(),
    timestamp: fc.option(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), { nil: undefined }),
  }),
  { maxLength: 40 },
);

const toElement = ({ value, timestamp }: { value: unknown; timestamp: number | undefined }): StreamElement =>
  timestamp === undefined ? { kind: 'record', value } : { kind: 'record', value, timestamp };

/** Serializes elements into one byte stream and cuts it into buffers of the given sizes (the last one takes the rest). */
function cutIntoBuffers(elements: StreamElement[], sizes: number[]): ArrayBuffer[] {
  const serializer = new RecordSerializer();
  const frames = elements.map((e) => serializer.serialize(e).slice());
  const stream = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of frames) {
    stream.set(f, at);
    at += f.length;
  }
  const buffers: ArrayBuffer[] = [];
  let offset = 0;
  for (let i = 0; offset < stream.length; i++) {
    const size = sizes[i % sizes.length]!;
    buffers.push(stream.slice(offset, offset + size).buffer);
    offset += size;
  }
  return buffers;
}

function readAll(buffers: ArrayBuffer[]): StreamElement[] {
  const deserializer = new RecordDeserializer();
  const out: StreamElement[] = [];
  for (const b of buffers) {
    deserializer.setNextBuffer(b);
    for (let e = deserializer.next(); e; e = deserializer.next()) out.push(e);
    expect(deserializer.isBufferConsumed()).toBe(true);
  }
  expect(deserializer.isAtFrameBoundary()).toBe(true);
  return out;
}

describe('value serializer (tagged binary, not JSON)', () => {
  test('every JSON value round-trips exactly', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(roundTripValue(value)).toStrictEqual(value);
      }),
    );
  });

  test('numbers keep -0, NaN, ±Infinity and fractions; undefined, bigint and Date survive', () => {
    const values = [
      -0,
      Number.NaN,
      Infinity,
      -Infinity,
      0.1,
      2 ** 31,
      -(2 ** 31),
      2 ** 53 - 1,
      undefined,
      12345678901234567890n,
      new Date(86_400_000),
    ];
    for (const v of values) expect(roundTripValue(v)).toStrictEqual(v);
    expect(roundTripValue({ a: undefined })).toStrictEqual({ a: undefined });
  });

  test('a small int takes 2 bytes and a short ASCII string 1 + 1 + length', () => {
    const out = new DataOutput();
    writeValue(out, 42);
    expect(out.written().length).toBe(2);
    out.clear();
    writeValue(out, 'hello');
    expect(out.written().length).toBe(7);
  });

  test('"__proto__" stays a data key', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    const back = roundTripValue(value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__']);
  });

  test('functions and Maps cannot cross a channel: the error names the path', () => {
    expect(() => writeValue(new DataOutput(), { a: [1, () => 0] })).toThrow('cannot serialize a function at $.a[1]');
    expect(() => writeValue(new DataOutput(), { m: new Map() })).toThrow('cannot serialize a Map at $.m');
  });
});

describe('record framing across network buffers', () => {
  test('records with and without timestamps survive any cut into buffers (frames and length prefixes span buffers)', () => {
    fc.assert(
      fc.property(records, fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 }), (recs, sizes) => {
        const elements = recs.map(toElement);
        expect(readAll(cutIntoBuffers(elements, sizes))).toStrictEqual(elements);
      }),
    );
  });

  test('a record larger than a 32 KB buffer spans three buffers and comes back whole', () => {
    const big: StreamElement = { kind: 'record', value: { text: 'x'.repeat(80_000) }, timestamp: 7 };
    const buffers = cutIntoBuffers([big, { kind: 'record', value: 1 }], [32 * 1024]);
    expect(buffers.length).toBe(3);
    expect(readAll(buffers)).toStrictEqual([big, { kind: 'record', value: 1 }]);
  });

  test('watermarks (also +Infinity, the end of event time), statuses and events keep their fields', () => {
    const elements: StreamElement[] = [
      { kind: 'watermark', timestamp: Number.MIN_SAFE_INTEGER },
      { kind: 'watermark', timestamp: Infinity },
      { kind: 'watermarkStatus', idle: true },
      { kind: 'record', value: 'a', timestamp: -5 },
    ];
    expect(readAll(cutIntoBuffers(elements, [3]))).toStrictEqual(elements);
    const serializer = new RecordSerializer();
    const barrier: StreamElement = { kind: 'barrier', checkpointId: 3, timestamp: 1000, unaligned: true };
    expect(deserializeEvent(serializeEvent(serializer, barrier))).toStrictEqual(barrier);
    expect(deserializeEvent(serializeEvent(serializer, { kind: 'endOfPartition' }))).toStrictEqual({
      kind: 'endOfPartition',
    });
  });
});
