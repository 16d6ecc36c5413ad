/**
 * A compact, tagged binary encoding of JavaScript values, for records between tasks (in the role of
 * Flink's TypeSerializers, for untyped JS data). One tag byte, then the payload:
 *   0 null · 1 undefined · 2 false · 3 true
 *   4 int32 (zigzag varint) · 5 float64 (8 bytes LE; other numbers, -0, NaN, ±Infinity)
 *   6 string (varint byte length, UTF-8) · 7 array (varint length, items) · 8 object (varint count, then key string + value)
 *   9 bigint (decimal string) · 10 Date (float64 epoch ms)
 * Objects carry their own enumerable string keys, as JSON would, but undefined values survive.
 * Functions, symbols, Maps and Sets cannot cross a channel: serializing them throws, naming the path.
 */
import { DataInput, DataOutput } from './data-io.js';

const enum Tag {
  Null = 0,
  Undefined = 1,
  False = 2,
  True = 3,
  Int = 4,
  Float = 5,
  String = 6,
  Array = 7,
  Object = 8,
  BigInt = 9,
  Date = 10,
}

/**
 * A value that cannot cross a channel. The walk throws it without a path, and each level it unwinds through adds
 * its own step: building "$.a[1]" strings for every field of every record would cost more than writing them.
 */
class UnserializableValue extends TypeError {
  private readonly steps: string[] = [];

  constructor(
    private readonly what: string,
    private readonly advice: string,
  ) {
    super(`cannot serialize a ${what}: ${advice}`);
  }

  static at(error: unknown, step: string): unknown {
    if (error instanceof UnserializableValue) error.steps.unshift(step);
    return error;
  }

  withPath(): TypeError {
    return new TypeError(`cannot serialize a ${this.what} at $${this.steps.join('')}: ${this.advice}`);
  }
}

export function writeValue(out: DataOutput, value: unknown): void {
  try {
    writeAnyValue(out, value);
  } catch (error) {
    throw error instanceof UnserializableValue ? error.withPath() : error;
  }
}

function writeAnyValue(out: DataOutput, value: unknown): void {
  switch (typeof value) {
    case 'number':
      if ((value | 0) === value && !Object.is(value, -0)) {
        out.writeByte(Tag.Int);
        out.writeVarInt(value);
      } else {
        out.writeByte(Tag.Float);
        out.writeFloat64(value);
      }
      return;
    case 'string':
      out.writeByte(Tag.String);
      out.writeString(value);
      return;
    case 'boolean':
      out.writeByte(value ? Tag.True : Tag.False);
      return;
    case 'undefined':
      out.writeByte(Tag.Undefined);
      return;
    case 'bigint':
      out.writeByte(Tag.BigInt);
      out.writeString(value.toString());
      return;
    case 'object':
      if (value === null) out.writeByte(Tag.Null);
      else if (Array.isArray(value)) {
        out.writeByte(Tag.Array);
        out.writeVarUint(value.length);
        for (let i = 0; i < value.length; i++) {
          try {
            writeAnyValue(out, value[i]);
          } catch (error) {
            throw UnserializableValue.at(error, `[${i}]`);
          }
        }
      } else if (value instanceof Date) {
        out.writeByte(Tag.Date);
        out.writeFloat64(value.getTime());
      } else if (value instanceof Map || value instanceof Set) {
        throw new UnserializableValue(value instanceof Map ? 'Map' : 'Set', 'use a plain object or an array');
      } else {
        const keys = Object.keys(value);
        out.writeByte(Tag.Object);
        out.writeVarUint(keys.length);
        for (const key of keys) {
          out.writeString(key);
          try {
            writeAnyValue(out, (value as Record<string, unknown>)[key]);
          } catch (error) {
            throw UnserializableValue.at(error, `.${key}`);
          }
        }
      }
      return;
    default:
      throw new UnserializableValue(typeof value, 'records between tasks hold plain data');
  }
}

export function readValue(input: DataInput): unknown {
  const tag = input.readByte();
  switch (tag) {
    case Tag.Null:
      return null;
    case Tag.Undefined:
      return undefined;
    case Tag.False:
      return false;
    case Tag.True:
      return true;
    case Tag.Int:
      return input.readVarInt();
    case Tag.Float:
      return input.readFloat64();
    case Tag.String:
      return input.readString();
    case Tag.Array: {
      const length = input.readVarUint();
      const items = new Array<unknown>(length);
      for (let i = 0; i < length; i++) items[i] = readValue(input);
      return items;
    }
    case Tag.Object: {
      const count = input.readVarUint();
      const obj: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) {
        const key = input.readString();
        const value = readValue(input);
        // Assigning "__proto__" would replace the prototype: that key alone goes through defineProperty, which is
        // too slow for every key of every record.
        if (key === '__proto__')
          Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
        else obj[key] = value;
      }
      return obj;
    }
    case Tag.BigInt:
      return BigInt(input.readString());
    case Tag.Date:
      return new Date(input.readFloat64());
    default:
      throw new RangeError(`unknown value tag ${tag} at offset ${input.position - 1}`);
  }
}
