/** The checkpoint-storage form of a subtask's state (§7 Checkpoints and recovery: a corrupt file must not restore half a state). */
import { describe, expect, it } from 'vitest';
import {
  CorruptStateError,
  decodeTaskState,
  encodeTaskState,
  type TaskStateSnapshot,
} from '../../src/checkpoint/index.js';

const snapshot: TaskStateSnapshot = {
  operators: {
    sum: {
      keyedState: [
        { keyGroup: 3, state: { '"a"': { accumulator: 7 } } },
        { keyGroup: 90, state: { '2': { accumulator: -1.5 } } },
      ],
      operatorState: [],
    },
    src: { keyedState: [], operatorState: [{ next: 42, end: Number.POSITIVE_INFINITY }] },
  },
  inputChannelState: [
    { channel: 'e0:1>0', elements: [{ kind: 'record', value: { k: 'a', when: new Date(5) }, timestamp: 9 }] },
  ],
};

describe('encodeTaskState / decodeTaskState', () => {
  it('round-trips a snapshot exactly', () => {
    expect(decodeTaskState(encodeTaskState(snapshot))).toEqual(snapshot);
  });

  it('refuses truncated bytes, naming what is missing', () => {
    const bytes = encodeTaskState(snapshot);
    expect(() => decodeTaskState(bytes.subarray(0, 10))).toThrow(
      new CorruptStateError('task state is truncated: 10 bytes, shorter than its 16-byte header'),
    );
    expect(() => decodeTaskState(bytes.subarray(0, bytes.length - 3))).toThrow(
      new CorruptStateError(
        `task state is truncated: the header announces ${bytes.length - 16} payload bytes, the file holds ${bytes.length - 19}`,
      ),
    );
  });

  it('refuses a flipped byte in the payload by its checksum', () => {
    const bytes = encodeTaskState(snapshot).slice();
    bytes[bytes.length - 5]! ^= 0x40;
    expect(() => decodeTaskState(bytes)).toThrow(/does not match its CRC-32 checksum/);
  });

  it('refuses a file without the header, and one of another version', () => {
    expect(() => decodeTaskState(new TextEncoder().encode('{"operators":{},"inputChannelState":[]}'))).toThrow(
      /no "SLCK" header/,
    );
    const bytes = encodeTaskState(snapshot).slice();
    bytes[4] = 9;
    expect(() => decodeTaskState(bytes)).toThrow('task state has format version 9; this engine reads version 1');
  });

  it('every error is a CorruptStateError', () => {
    try {
      decodeTaskState(new Uint8Array(3));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CorruptStateError);
    }
  });
});
