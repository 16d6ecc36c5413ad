import { describe, expect, test } from 'vitest';
import { DataInput, DataOutput } from '../../src/serialization/data-io.js';
import { RecordDeserializer, RecordSerializer } from '../../src/serialization/record-serializer.js';

describe('DataOutput / DataInput', () => {
  test('setUint32At rewrites 4 bytes already written, and refuses bytes not written yet', () => {
    const out = new DataOutput(4);
    out.writeUint32(0);
    out.writeByte(9);
    out.setUint32At(0, 0xdeadbeef);
    expect([...out.written()]).toEqual([0xef, 0xbe, 0xad, 0xde, 9]);
    expect(() => out.setUint32At(2, 1)).toThrow('setUint32At(2): only 5 bytes written');
  });

  test('moveTo narrows one DataInput to successive frames; reading past a frame end is truncation', () => {
    const input = new DataInput(new Uint8Array([1, 2, 3, 4, 5]));
    input.moveTo(1, 3);
    expect([input.readByte(), input.readByte()]).toEqual([2, 3]);
    expect(() => input.readByte()).toThrow('truncated data: need 1 bytes at offset 3, 0 left');
    input.moveTo(3, 5);
    expect(input.remaining()).toBe(2);
    expect(() => input.moveTo(4, 6)).toThrow('moveTo(4, 6) outside 0..5');
  });

  test('varints: 0, the one- to five-byte boundaries and 2^32 - 1 round-trip in their LEB128 length; a sixth byte is refused', () => {
    const cases: [number, number][] = [
      [0, 1],
      [127, 1],
      [128, 2],
      [16_383, 2],
      [16_384, 3],
      [2 ** 21, 4],
      [2 ** 28, 5],
      [2 ** 32 - 1, 5],
    ];
    for (const [value, bytes] of cases) {
      const out = new DataOutput(1);
      out.writeVarUint(value);
      expect(out.written().length).toBe(bytes);
      const input = new DataInput(out.written());
      expect(input.readVarUint()).toBe(value);
      expect(input.remaining()).toBe(0);
    }
    expect(() => new DataInput(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).readVarUint()).toThrow(
      'varint longer than 5 bytes at offset 5',
    );
    expect(() => new DataInput(new Uint8Array([0x80, 0x80])).readVarUint()).toThrow('truncated data');
  });

  test('a deserializer reads every frame of a buffer in turn, each exactly to its end', () => {
    const serializer = new RecordSerializer();
    const values = [1, 'two', { three: [3] }, -4.5];
    const frames = values.map((value) => serializer.serialize({ kind: 'record', value }).slice());
    const buffer = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
    frames.reduce((at, f) => (buffer.set(f, at), at + f.length), 0);
    const deserializer = new RecordDeserializer();
    deserializer.setNextBuffer(buffer.buffer);
    const read: unknown[] = [];
    for (let e = deserializer.next(); e; e = deserializer.next()) read.push(e.kind === 'record' ? e.value : e.kind);
    expect(read).toEqual(values);
    expect(deserializer.isBufferConsumed()).toBe(true);
  });
});
