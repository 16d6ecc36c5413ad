/**
 * The binary form of a TaskStateSnapshot in checkpoint storage, written with the engine's own value serializer:
 *   4 bytes magic "SLCK" · uint32 format version · uint32 payload length · uint32 CRC-32 of the payload · payload
 * The payload is the snapshot as one serialized value. The header lets decode tell a truncated, garbled or foreign
 * file from a good one and say which (CorruptStateError), instead of handing the JobMaster half a state.
 */
import { DataInput, DataOutput } from '../serialization/data-io.js';
import { readValue, writeValue } from '../serialization/value-serializer.js';
import { CorruptStateError, type OperatorSubtaskState, type TaskStateSnapshot } from './task-state-snapshot.js';

const MAGIC = [0x53, 0x4c, 0x43, 0x4b]; // "SLCK"
const FORMAT_VERSION = 1;
const HEADER_BYTES = 16;

export function encodeTaskState(state: TaskStateSnapshot): Uint8Array {
  const payload = new DataOutput(1024);
  writeValue(payload, state);
  const body = payload.written();
  const out = new DataOutput(HEADER_BYTES + body.length);
  for (const b of MAGIC) out.writeByte(b);
  out.writeUint32(FORMAT_VERSION);
  out.writeUint32(body.length);
  out.writeUint32(crc32(body));
  const bytes = new Uint8Array(HEADER_BYTES + body.length);
  bytes.set(out.written());
  bytes.set(body, HEADER_BYTES);
  return bytes;
}

export function decodeTaskState(bytes: Uint8Array): TaskStateSnapshot {
  if (bytes.length < HEADER_BYTES)
    throw new CorruptStateError(
      `task state is truncated: ${bytes.length} bytes, shorter than its ${HEADER_BYTES}-byte header`,
    );
  if (MAGIC.some((b, i) => bytes[i] !== b))
    throw new CorruptStateError('task state has no "SLCK" header: not a Sluice checkpoint file');
  const header = new DataInput(bytes, 4, HEADER_BYTES);
  const version = header.readUint32();
  if (version !== FORMAT_VERSION)
    throw new CorruptStateError(
      `task state has format version ${version}; this engine reads version ${FORMAT_VERSION}`,
    );
  const length = header.readUint32();
  const checksum = header.readUint32();
  const available = bytes.length - HEADER_BYTES;
  if (available !== length) {
    throw new CorruptStateError(
      `task state is ${available < length ? 'truncated' : 'followed by extra bytes'}: the header announces ${length} payload bytes, the file holds ${available}`,
    );
  }
  const body = bytes.subarray(HEADER_BYTES);
  if (crc32(body) !== checksum)
    throw new CorruptStateError('task state payload does not match its CRC-32 checksum: the file is garbled');
  let value: unknown;
  try {
    value = readValue(new DataInput(body));
  } catch (error) {
    throw new CorruptStateError(
      `task state payload cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return checkSnapshotShape(value);
}

function checkSnapshotShape(value: unknown): TaskStateSnapshot {
  const fail = (path: string, reason: string): never => {
    throw new CorruptStateError(`task state ${path}: ${reason}`);
  };
  if (!isObject(value)) return fail('$', 'is not an object');
  if (!isObject(value.operators)) return fail('$.operators', 'is not an object');
  if (!Array.isArray(value.inputChannelState)) return fail('$.inputChannelState', 'is not an array');
  for (const [id, operator] of Object.entries(value.operators)) {
    if (!isObject(operator)) return fail(`$.operators.${id}`, 'is not an object');
    const keyed = (operator as Partial<OperatorSubtaskState>).keyedState;
    if (!Array.isArray(keyed)) return fail(`$.operators.${id}.keyedState`, 'is not an array');
    keyed.forEach((entry, i) => {
      if (!isObject(entry) || !Number.isInteger(entry.keyGroup))
        fail(`$.operators.${id}.keyedState[${i}].keyGroup`, 'is not an integer');
    });
    if (!Array.isArray((operator as Partial<OperatorSubtaskState>).operatorState))
      return fail(`$.operators.${id}.operatorState`, 'is not an array');
  }
  value.inputChannelState.forEach((entry: unknown, i: number) => {
    if (!isObject(entry) || typeof entry.channel !== 'string')
      fail(`$.inputChannelState[${i}].channel`, 'is not a string');
    if (!Array.isArray((entry as { elements?: unknown }).elements))
      fail(`$.inputChannelState[${i}].elements`, 'is not an array');
  });
  return value as unknown as TaskStateSnapshot;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, as zip and PNG use). */
function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
