/**
 * Length-prefixed framing of stream elements across fixed-size network buffers (Flink's
 * SpanningRecordSerializer and SpillingAdaptiveSpanningRecordDeserializer).
 *
 * Wire format of a data buffer: a sequence of frames, each `uint32 LE length` + that many bytes of one
 * serialized element (element-serializer.ts). A frame may span buffers, including its 4-byte length: the
 * serializer fills every buffer to the brim before starting the next, and the deserializer of the channel
 * carries the partial frame over to the next buffer. An event buffer holds exactly one frame.
 */
import type { StreamElement } from '../elements/stream-element.js';
import { DataInput, DataOutput } from './data-io.js';
import { readElement, writeElement } from './element-serializer.js';

const LENGTH_BYTES = 4;

/** Serializes one element at a time into a frame; the returned view is valid until the next call. */
export class RecordSerializer {
  private readonly out = new DataOutput(1024);

  serialize(element: StreamElement): Uint8Array {
    const out = this.out;
    out.clear();
    out.writeUint32(0);
    writeElement(out, element);
    out.setUint32At(0, out.position - LENGTH_BYTES);
    return out.written();
  }
}

/** A network buffer being filled (Flink's BufferBuilder). */
export class BufferBuilder {
  readonly bytes: Uint8Array;
  position = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
  }

  isFull(): boolean {
    return this.position === this.bytes.length;
  }

  isEmpty(): boolean {
    return this.position === 0;
  }

  /** Copies as much of `source` from `offset` as fits; returns the number of bytes copied. */
  append(source: Uint8Array, offset: number): number {
    const n = Math.min(source.length - offset, this.bytes.length - this.position);
    // A whole frame, the common case, is copied without a subarray view: one allocation less per record.
    this.bytes.set(n === source.length ? source : source.subarray(offset, offset + n), this.position);
    this.position += n;
    return n;
  }

  /** The filled bytes as a standalone ArrayBuffer (transferable). */
  finish(): ArrayBuffer {
    return this.bytes.buffer.slice(0, this.position) as ArrayBuffer;
  }
}

/** Frames one element as a standalone event buffer. */
export function serializeEvent(serializer: RecordSerializer, element: StreamElement): ArrayBuffer {
  return serializer.serialize(element).slice().buffer as ArrayBuffer;
}

/**
 * Reassembles frames from the buffers of one input channel, in order. Whole frames are read in place;
 * a frame cut by a buffer boundary is copied into a spill area until complete.
 */
export class RecordDeserializer {
  private buffer: Uint8Array = new Uint8Array(0);
  /** Reads every frame of the current buffer (and its length prefixes). */
  private input = new DataInput(this.buffer);
  private offset = 0;
  /** Partial frame (length prefix included) carried over from earlier buffers. */
  private spill: Uint8Array = new Uint8Array(0);
  private spilled = 0;

  setNextBuffer(data: ArrayBuffer): void {
    if (this.offset < this.buffer.length) throw new Error('the previous buffer still holds unread elements');
    this.buffer = new Uint8Array(data);
    this.input = new DataInput(this.buffer);
    this.offset = 0;
  }

  /** True when the current buffer is fully read (its memory may be recycled). */
  isBufferConsumed(): boolean {
    return this.offset >= this.buffer.length;
  }

  /** True when no partial frame is pending (the channel sits at an element boundary). */
  isAtFrameBoundary(): boolean {
    return this.spilled === 0;
  }

  /** The next complete element, or undefined when the current buffer is exhausted first. */
  next(): StreamElement | undefined {
    if (this.spilled === 0) {
      const available = this.buffer.length - this.offset;
      if (available >= LENGTH_BYTES) {
        this.input.moveTo(this.offset, this.buffer.length);
        const length = this.input.readUint32();
        if (available >= LENGTH_BYTES + length) {
          const start = this.offset + LENGTH_BYTES;
          this.offset = start + length;
          return decodeFrame(this.input, start, start + length);
        }
      }
      if (available === 0) return undefined;
    }
    return this.continueSpill();
  }

  private continueSpill(): StreamElement | undefined {
    if (this.spilled < LENGTH_BYTES) {
      this.ensureSpill(LENGTH_BYTES);
      this.spillFromBuffer(LENGTH_BYTES - this.spilled);
      if (this.spilled < LENGTH_BYTES) return undefined;
    }
    const total = LENGTH_BYTES + new DataView(this.spill.buffer, 0, LENGTH_BYTES).getUint32(0, true);
    this.ensureSpill(total);
    this.spillFromBuffer(total - this.spilled);
    if (this.spilled < total) return undefined;
    this.spilled = 0;
    return decodeFrame(new DataInput(this.spill), LENGTH_BYTES, total);
  }

  private spillFromBuffer(wanted: number): void {
    const n = Math.min(wanted, this.buffer.length - this.offset);
    this.spill.set(this.buffer.subarray(this.offset, this.offset + n), this.spilled);
    this.offset += n;
    this.spilled += n;
  }

  private ensureSpill(size: number): void {
    if (this.spill.length >= size) return;
    const grown = new Uint8Array(Math.max(size, this.spill.length * 2));
    grown.set(this.spill.subarray(0, this.spilled));
    this.spill = grown;
  }
}

function decodeFrame(input: DataInput, start: number, end: number): StreamElement {
  input.moveTo(start, end);
  const element = readElement(input);
  if (input.remaining() !== 0)
    throw new RangeError(`frame of ${end - start} bytes has ${input.remaining()} unread bytes`);
  return element;
}

/** Reads the single frame of an event buffer. */
export function deserializeEvent(data: ArrayBuffer): StreamElement {
  const d = new RecordDeserializer();
  d.setNextBuffer(data);
  const element = d.next();
  if (!element || !d.isBufferConsumed()) throw new RangeError('an event buffer holds exactly one element');
  return element;
}
