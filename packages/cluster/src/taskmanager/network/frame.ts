/**
 * The binary framing of the TCP connection between two TaskManagers (Flink's NettyMessage encoding, reduced).
 * One connection multiplexes every channel of every job between the pair, so each data frame names its target.
 *
 *   u32 length of the rest | u8 type | u8 flags | u16 target length | target (UTF-8)
 *   | u32 backlog (buffer) or credit (credit) | payload bytes (buffer only)
 *
 * Data frames target "<jobId>/<channelKey>": a buffer goes to the channel's consumer task, a credit to its
 * producer task. The two handshake frames open a connection: HELLO names the dialing TaskManager,
 * ACCEPT tells it the connection is the pair's one connection.
 */
import type { NetworkMessage } from '@sluice/engine';

const TYPE_BUFFER = 0;
const TYPE_CREDIT = 1;
const TYPE_HELLO = 2;
const TYPE_ACCEPT = 3;
const FLAG_EVENT = 1;
const LENGTH_BYTES = 4;
const HEADER_BYTES = 1 + 1 + 2;
const COUNT_BYTES = 4;

export type Frame =
  | { kind: 'data'; jobId: string; message: NetworkMessage }
  | { kind: 'hello'; taskManagerId: string }
  | { kind: 'accept' };

function frameParts(frame: Frame): { type: number; flags: number; target: string; count: number; payload: Uint8Array } {
  const none = new Uint8Array(0);
  switch (frame.kind) {
    case 'hello':
      return { type: TYPE_HELLO, flags: 0, target: frame.taskManagerId, count: 0, payload: none };
    case 'accept':
      return { type: TYPE_ACCEPT, flags: 0, target: '', count: 0, payload: none };
    case 'data': {
      const { message } = frame;
      const target = `${frame.jobId}/${message.channel}`;
      if (message.type === 'credit')
        return { type: TYPE_CREDIT, flags: 0, target, count: message.credit, payload: none };
      const flags = message.event ? FLAG_EVENT : 0;
      return { type: TYPE_BUFFER, flags, target, count: message.backlog, payload: new Uint8Array(message.data) };
    }
  }
}

export function encodeFrame(frame: Frame): Buffer {
  const { type, flags, target, count, payload } = frameParts(frame);
  const targetBytes = Buffer.from(target, 'utf8');
  const restLength = HEADER_BYTES + targetBytes.length + COUNT_BYTES + payload.length;
  const bytes = Buffer.allocUnsafe(LENGTH_BYTES + restLength);
  let at = bytes.writeUInt32BE(restLength, 0);
  at = bytes.writeUInt8(type, at);
  at = bytes.writeUInt8(flags, at);
  at = bytes.writeUInt16BE(targetBytes.length, at);
  at += targetBytes.copy(bytes, at);
  at = bytes.writeUInt32BE(count, at);
  bytes.set(payload, at);
  return bytes;
}

function decodeFrameBody(body: Buffer): Frame {
  const type = body.readUInt8(0);
  const flags = body.readUInt8(1);
  const targetLength = body.readUInt16BE(2);
  const target = body.toString('utf8', HEADER_BYTES, HEADER_BYTES + targetLength);
  const countAt = HEADER_BYTES + targetLength;
  const count = body.readUInt32BE(countAt);
  if (type === TYPE_HELLO) return { kind: 'hello', taskManagerId: target };
  if (type === TYPE_ACCEPT) return { kind: 'accept' };
  const slash = target.indexOf('/');
  if (slash < 0) throw new Error(`frame target without a job id: "${target}"`);
  const jobId = target.slice(0, slash);
  const channel = target.slice(slash + 1);
  if (type === TYPE_CREDIT) return { kind: 'data', jobId, message: { type: 'credit', channel, credit: count } };
  if (type !== TYPE_BUFFER) throw new Error(`unknown frame type ${type}`);
  // A fresh ArrayBuffer of exactly the payload: it is transferred on to the consuming worker thread.
  const payload = body.subarray(countAt + COUNT_BYTES);
  const data = new ArrayBuffer(payload.length);
  new Uint8Array(data).set(payload);
  return {
    kind: 'data',
    jobId,
    message: { type: 'buffer', channel, data, backlog: count, event: (flags & FLAG_EVENT) !== 0 },
  };
}

/** Reassembles frames from a TCP byte stream, whatever the chunking. */
export class FrameDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** Feeds bytes; returns every frame they complete, in order. */
  push(chunk: Buffer): Frame[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const frames: Frame[] = [];
    while (this.pendingBytes >= LENGTH_BYTES) {
      const head = this.coalesce();
      const restLength = head.readUInt32BE(0);
      if (this.pendingBytes < LENGTH_BYTES + restLength) break;
      frames.push(decodeFrameBody(head.subarray(LENGTH_BYTES, LENGTH_BYTES + restLength)));
      const remainder = head.subarray(LENGTH_BYTES + restLength);
      this.pending = remainder.length > 0 ? [remainder] : [];
      this.pendingBytes = remainder.length;
    }
    return frames;
  }

  private coalesce(): Buffer {
    if (this.pending.length > 1) this.pending = [Buffer.concat(this.pending, this.pendingBytes)];
    return this.pending[0]!;
  }
}
