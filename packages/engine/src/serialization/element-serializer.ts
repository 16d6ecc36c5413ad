/**
 * StreamElement ↔ bytes (Flink's StreamElementSerializer). One tag byte, then:
 *   0 record without timestamp: value
 *   1 record with timestamp: float64 timestamp (8 bytes LE), value
 *   2 watermark: float64 timestamp
 *   3 watermark status: 1 byte (1 = idle)
 *   4 checkpoint barrier: float64 checkpointId, float64 timestamp, 1 byte (1 = unaligned)
 *   5 end of partition
 * Timestamps are float64 so that ±Infinity (the end of event time) is representable.
 */
import type { StreamElement } from '../elements/stream-element.js';
import { END_OF_PARTITION } from '../elements/stream-element.js';
import type { DataInput, DataOutput } from './data-io.js';
import { readValue, writeValue } from './value-serializer.js';

export function writeElement(out: DataOutput, element: StreamElement): void {
  switch (element.kind) {
    case 'record':
      if (element.timestamp === undefined) out.writeByte(0);
      else {
        out.writeByte(1);
        out.writeFloat64(element.timestamp);
      }
      writeValue(out, element.value);
      return;
    case 'watermark':
      out.writeByte(2);
      out.writeFloat64(element.timestamp);
      return;
    case 'watermarkStatus':
      out.writeByte(3);
      out.writeByte(element.idle ? 1 : 0);
      return;
    case 'barrier':
      out.writeByte(4);
      out.writeFloat64(element.checkpointId);
      out.writeFloat64(element.timestamp);
      out.writeByte(element.unaligned ? 1 : 0);
      return;
    case 'endOfPartition':
      out.writeByte(5);
      return;
  }
}

export function readElement(input: DataInput): StreamElement {
  const tag = input.readByte();
  switch (tag) {
    case 0:
      return { kind: 'record', value: readValue(input) };
    case 1: {
      const timestamp = input.readFloat64();
      return { kind: 'record', value: readValue(input), timestamp };
    }
    case 2:
      return { kind: 'watermark', timestamp: input.readFloat64() };
    case 3:
      return { kind: 'watermarkStatus', idle: input.readByte() === 1 };
    case 4: {
      const checkpointId = input.readFloat64();
      const timestamp = input.readFloat64();
      return { kind: 'barrier', checkpointId, timestamp, unaligned: input.readByte() === 1 };
    }
    case 5:
      return END_OF_PARTITION;
    default:
      throw new RangeError(`unknown stream element tag ${tag} at offset ${input.position - 1}`);
  }
}
