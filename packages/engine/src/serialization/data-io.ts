/**
 * Byte-level views for serializers (Flink's DataOutputView / DataInputView): a growable output and a
 * cursor over bytes. Little-endian fixed widths, LEB128 varints, UTF-8 strings.
 */

const decoder = new TextDecoder('utf-8');

export class DataOutput {
  private bytes: Uint8Array;
  private view: DataView;
  position = 0;

  constructor(initialCapacity = 256) {
    this.bytes = new Uint8Array(initialCapacity);
    this.view = new DataView(this.bytes.buffer);
  }

  /** The bytes written so far (a view, valid until the next write or clear). */
  written(): Uint8Array {
    return this.bytes.subarray(0, this.position);
  }

  clear(): void {
    this.position = 0;
  }

  private ensure(extra: number): void {
    const needed = this.position + extra;
    if (needed <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.position));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  writeByte(b: number): void {
    this.ensure(1);
    this.bytes[this.position++] = b;
  }

  writeFloat64(x: number): void {
    this.ensure(8);
    this.view.setFloat64(this.position, x, true);
    this.position += 8;
  }

  writeUint32(x: number): void {
    this.ensure(4);
    this.view.setUint32(this.position, x, true);
    this.position += 4;
  }

  /** Overwrites 4 bytes already written at `offset` (a length prefix known only once its frame is written). */
  setUint32At(offset: number, x: number): void {
    if (offset + 4 > this.position) throw new RangeError(`setUint32At(${offset}): only ${this.position} bytes written`);
    this.view.setUint32(offset, x, true);
  }

  /** Unsigned LEB128 of a non-negative integer below 2^32. */
  writeVarUint(x: number): void {
    this.ensure(5);
    let v = x >>> 0;
    while (v >= 0x80) {
      this.bytes[this.position++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.position++] = v;
  }

  /** Zigzag LEB128 of an int32, so small negative numbers stay small. */
  writeVarInt(x: number): void {
    this.writeVarUint(((x << 1) ^ (x >> 31)) >>> 0);
  }

  /** UTF-8 with its byte length first. Lone surrogates become U+FFFD, as TextEncoder does. */
  writeString(s: string): void {
    let length = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) length += 1;
      else if (c < 0x800) length += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
        length += 4;
        i++;
      } else length += 3;
    }
    this.writeVarUint(length);
    this.ensure(length);
    const out = this.bytes;
    let p = this.position;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        out[p++] = c;
      } else if (c < 0x800) {
        out[p++] = 0xc0 | (c >> 6);
        out[p++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
        out[p++] = 0xf0 | (cp >> 18);
        out[p++] = 0x80 | ((cp >> 12) & 0x3f);
        out[p++] = 0x80 | ((cp >> 6) & 0x3f);
        out[p++] = 0x80 | (cp & 0x3f);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
        out[p++] = 0xe0 | (c >> 12);
        out[p++] = 0x80 | ((c >> 6) & 0x3f);
        out[p++] = 0x80 | (c & 0x3f);
      }
    }
    this.position = p;
  }
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

export class DataInput {
  private readonly view: DataView;
  position: number;

  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    private end = bytes.length,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.position = start;
  }

  /**
   * Narrows the cursor to bytes [start, end) of the same array. A deserializer reads every frame of a buffer
   * through one DataInput this way: a DataView per record costs more than reading the record.
   */
  moveTo(start: number, end: number): void {
    if (start < 0 || start > end || end > this.bytes.length)
      throw new RangeError(`moveTo(${start}, ${end}) outside 0..${this.bytes.length}`);
    this.position = start;
    this.end = end;
  }

  remaining(): number {
    return this.end - this.position;
  }

  private need(n: number): void {
    if (this.position + n > this.end)
      throw new RangeError(`truncated data: need ${n} bytes at offset ${this.position}, ${this.remaining()} left`);
  }

  readByte(): number {
    this.need(1);
    return this.bytes[this.position++]!;
  }

  readFloat64(): number {
    this.need(8);
    const x = this.view.getFloat64(this.position, true);
    this.position += 8;
    return x;
  }

  readUint32(): number {
    this.need(4);
    const x = this.view.getUint32(this.position, true);
    this.position += 4;
    return x;
  }

  readVarUint(): number {
    let result = 0;
    // 2^(7·i) as a running product: the loop runs per byte of every int in every record.
    for (let scale = 1, i = 0; i < 5; i++, scale *= 0x80) {
      if (this.position >= this.end) this.need(1);
      const b = this.bytes[this.position++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
    }
    throw new RangeError(`varint longer than 5 bytes at offset ${this.position}`);
  }

  readVarInt(): number {
    const z = this.readVarUint();
    return (z >>> 1) ^ -(z & 1);
  }

  readString(): string {
    const length = this.readVarUint();
    this.need(length);
    const start = this.position;
    this.position += length;
    if (length < 32) {
      let ascii = '';
      for (let i = start; i < start + length; i++) {
        const b = this.bytes[i]!;
        if (b >= 0x80) return decoder.decode(this.bytes.subarray(start, start + length));
        ascii += String.fromCharCode(b);
      }
      return ascii;
    }
    return decoder.decode(this.bytes.subarray(start, start + length));
  }
}
