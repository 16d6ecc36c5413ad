import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeFrame, FrameDecoder, type Frame } from '../src/taskmanager/network/frame.js';

const bytes = (...values: number[]): ArrayBuffer => new Uint8Array(values).buffer;

describe('TCP frames between TaskManagers', () => {
  it('round-trips buffers, credits and the handshake, several frames in one chunk', () => {
    const frames: Frame[] = [
      { kind: 'hello', taskManagerId: 'tm-1' },
      { kind: 'accept' },
      {
        kind: 'data',
        jobId: 'job-a',
        message: { type: 'buffer', channel: 'e0:1>2', data: bytes(1, 2, 3), backlog: 7, event: false },
      },
      {
        kind: 'data',
        jobId: 'job-a',
        message: { type: 'buffer', channel: 'e3:0>0', data: bytes(), backlog: 0, event: true },
      },
      { kind: 'data', jobId: 'job-b', message: { type: 'credit', channel: 'e1:4>0', credit: 2 } },
    ];
    const decoded = new FrameDecoder().push(Buffer.concat(frames.map(encodeFrame)));
    expect(decoded).toEqual(frames);
  });

  it('reassembles frames whatever the TCP chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.nat({ max: 1000 }), fc.boolean()), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
        (payloads, cuts) => {
          const frames: Frame[] = payloads.map(([payload, backlog, event], i) => ({
            kind: 'data',
            jobId: 'j',
            message: { type: 'buffer', channel: `e0:${i}>0`, data: payload.slice().buffer, backlog, event },
          }));
          const stream = Buffer.concat(frames.map(encodeFrame));
          const decoder = new FrameDecoder();
          const decoded: Frame[] = [];
          let at = 0;
          for (let i = 0; at < stream.length; i++) {
            const size = cuts[i % cuts.length]!;
            decoded.push(...decoder.push(stream.subarray(at, at + size)));
            at += size;
          }
          expect(decoded).toEqual(frames);
        },
      ),
    );
  });

  it('waits for the rest of a frame split inside its length prefix', () => {
    const frame: Frame = { kind: 'data', jobId: 'j', message: { type: 'credit', channel: 'e0:0>1', credit: 5 } };
    const encoded = encodeFrame(frame);
    const decoder = new FrameDecoder();
    expect(decoder.push(encoded.subarray(0, 2))).toEqual([]);
    expect(decoder.push(encoded.subarray(2))).toEqual([frame]);
  });
});
