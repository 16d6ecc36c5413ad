/**
 * Credit-based flow control between one ResultPartition and one InputGate (§4 Credit-based flow control),
 * connected by an in-test wire that holds messages until the test delivers them.
 */
import { describe, expect, test } from 'vitest';
import { record, type StreamElement } from '../../src/elements/stream-element.js';
import { BufferPool } from '../../src/network/buffer-pool.js';
import { InputGate } from '../../src/network/input-gate.js';
import { NetworkBufferPool, NetworkMemoryReservation } from '../../src/network/network-buffer-pool.js';
import type { BufferMessage, CreditMessage, NetworkMessage } from '../../src/network/messages.js';
import { rebalanceSelector } from '../../src/network/partitioners.js';
import { ResultPartition } from '../../src/network/result-partition.js';
import type { InputGateDescriptor, ResultPartitionDescriptor } from '../../src/task/deployment.js';

const local = { taskManagerId: 'local', slotIndex: 0 };
const BUFFERS_PER_CHANNEL = 2;
const FLOATING_PER_GATE = 8;

function connect(consumers: number, bufferSize: number) {
  const toConsumers: BufferMessage[] = [];
  const toProducer: CreditMessage[] = [];
  const granted = new Map<string, number>();
  const sent = new Map<string, number>();
  let maxOverdrawn = 0;
  const descriptor: ResultPartitionDescriptor = {
    edgeIndex: 0,
    sourceOperator: 'src',
    targetVertexId: 'dst',
    partitioner: 'rebalance',
    consumerParallelism: consumers,
    consumerMaxParallelism: 128,
    consumers: Array.from({ length: consumers }, (_, subtaskIndex) => ({ subtaskIndex, location: local })),
  };
  const taskManagerPool = new NetworkBufferPool(NetworkBufferPool.allocateMemory(), 1 << 20);
  const reservation = (): NetworkMemoryReservation => new NetworkMemoryReservation(taskManagerPool, 0, bufferSize);
  const pool = new BufferPool(consumers * BUFFERS_PER_CHANNEL + FLOATING_PER_GATE, bufferSize, reservation());
  const producer = new ResultPartition(
    descriptor,
    0,
    pool,
    {
      send: (m: NetworkMessage) => {
        if (m.type !== 'buffer') throw new Error('a producer sends buffers');
        if (!m.event) {
          sent.set(m.channel, (sent.get(m.channel) ?? 0) + 1);
          maxOverdrawn = Math.max(maxOverdrawn, sent.get(m.channel)! - (granted.get(m.channel) ?? 0));
        }
        toConsumers.push(m);
      },
      onMessage: () => {},
    },
    rebalanceSelector(consumers, consumers - 1),
    false,
    () => {},
  );
  const subpartitionByKey = new Map(producer.subpartitions.map((s) => [s.channel, s]));
  const gates = Array.from({ length: consumers }, (_, consumerSubtask) => {
    const gateDescriptor: InputGateDescriptor = {
      edgeIndex: 0,
      sourceVertexId: 'src',
      partitioner: 'rebalance',
      producers: [{ subtaskIndex: 0, location: local }],
    };
    return new InputGate(
      gateDescriptor,
      consumerSubtask,
      0,
      BUFFERS_PER_CHANNEL,
      FLOATING_PER_GATE,
      {
        send: (m: NetworkMessage) => {
          if (m.type !== 'credit') throw new Error('a consumer sends credit');
          granted.set(m.channel, (granted.get(m.channel) ?? 0) + m.credit);
          toProducer.push(m);
        },
        onMessage: () => {},
      },
      reservation(),
    );
  });
  for (const gate of gates) for (const c of gate.channels) c.announceInitialCredit();
  const deliverCredits = (): void => {
    for (let m = toProducer.shift(); m; m = toProducer.shift()) subpartitionByKey.get(m.channel)!.addCredit(m.credit);
  };
  const deliverBuffers = (): void => {
    for (let m = toConsumers.shift(); m; m = toConsumers.shift()) {
      const consumer = Number(m.channel.split('>')[1]);
      gates[consumer]!.channels[0]!.onBuffer(m);
    }
  };
  return {
    producer,
    gates,
    pool,
    taskManagerPool,
    toConsumers,
    toProducer,
    deliverCredits,
    deliverBuffers,
    granted,
    sent,
    overdrawn: () => maxOverdrawn,
  };
}

function readSome(gate: InputGate, limit: number, into: StreamElement[]): void {
  const channel = gate.channels[0]!;
  for (let i = 0; i < limit; i++) {
    const element = channel.pollNext();
    if (!element) return;
    into.push(element);
  }
}

describe('credit-based flow control (§4)', () => {
  test('initial credit is the exclusive buffers; data waits for credit and carries its backlog', () => {
    const wire = connect(1, 64);
    expect(wire.toProducer).toEqual([{ type: 'credit', channel: 'e0:0>0', credit: BUFFERS_PER_CHANNEL }]);
    for (let i = 0; i < 40; i++) wire.producer.emitRecord(record(`record-${String(i).padStart(3, '0')}`));
    wire.producer.flush();
    expect(wire.toConsumers).toEqual([]); // no credit yet: nothing left the producer
    wire.deliverCredits();
    expect(wire.toConsumers.length).toBe(BUFFERS_PER_CHANNEL);
    const backlogs = wire.toConsumers.map((m) => m.backlog);
    expect(backlogs[0]).toBeGreaterThan(0);
    expect(backlogs[1]).toBe(backlogs[0]! - 1);
    expect(wire.producer.subpartitions[0]!.metrics()).toEqual({
      channel: 'e0:0>0',
      credit: 0,
      backlog: backlogs[1],
      buffersSent: BUFFERS_PER_CHANNEL,
    });
  });

  test('a backlog makes the gate hand out floating buffers as extra credit, before any buffer is read', () => {
    const wire = connect(1, 64);
    for (let i = 0; i < 40; i++) wire.producer.emitRecord(record(`record-${String(i).padStart(3, '0')}`));
    wire.producer.flush();
    wire.deliverCredits();
    const backlog = wire.toConsumers[0]!.backlog;
    wire.deliverBuffers();
    // onSenderBacklog: floating buffers until available ≥ backlog + initialCredit, at most the gate's 8.
    const extra = wire.toProducer.reduce((n, m) => n + m.credit, 0);
    expect(extra).toBe(Math.min(FLOATING_PER_GATE, backlog + BUFFERS_PER_CHANNEL));
    expect(wire.gates[0]!.usage()).toEqual({
      used: BUFFERS_PER_CHANNEL,
      total: BUFFERS_PER_CHANNEL + FLOATING_PER_GATE,
    });
  });

  test('a slow consumer: the sender never exceeds credit, and every record arrives once, in order', () => {
    const wire = connect(3, 48);
    const expected = new Map<number, string[]>([
      [0, []],
      [1, []],
      [2, []],
    ]);
    const received = new Map<number, StreamElement[]>([
      [0, []],
      [1, []],
      [2, []],
    ]);
    let next = 0;
    let peakBytesInUse = 0;
    for (let round = 0; round < 400; round++) {
      // The producer writes while its pool has buffers (the task's backpressure check), the consumers read
      // little: one element per round for consumer 0, more for the others.
      for (let i = 0; i < 5 && wire.pool.isAvailable(); i++, next++) {
        const value = `v${next}`;
        expected.get((next + 3) % 3)!.push(value); // rebalance from start 2: channels 0, 1, 2, 0, ...
        wire.producer.emitRecord(record(value));
      }
      if (round % 7 === 0) wire.producer.flush();
      wire.deliverCredits();
      wire.deliverBuffers();
      wire.gates.forEach((gate, i) => readSome(gate, i === 0 ? 1 : 4, received.get(i)!));
      peakBytesInUse = Math.max(peakBytesInUse, wire.taskManagerPool.figures().bytesInUse);
    }
    wire.producer.flush();
    wire.producer.finish();
    for (let i = 0; i < 2000 && wire.producer.isReleased() === false; i++) {
      wire.deliverCredits();
      wire.deliverBuffers();
      wire.gates.forEach((gate, g) => readSome(gate, 10, received.get(g)!));
    }
    wire.deliverBuffers();
    wire.gates.forEach((gate, g) => readSome(gate, 10_000, received.get(g)!));

    expect(wire.overdrawn()).toBeLessThanOrEqual(0);
    expect(wire.producer.isReleased()).toBe(true);
    expect(wire.pool.usage()).toBe(0);
    // The TaskManager's count of buffers holding data: bounded by the output pool plus every channel's buffers
    // (one overdraft buffer for a record spanning the last one), and back to 0 once all is read.
    const bound = wire.pool.capacity + 1 + 3 * (BUFFERS_PER_CHANNEL + FLOATING_PER_GATE);
    expect(peakBytesInUse).toBeGreaterThan(0);
    expect(peakBytesInUse).toBeLessThanOrEqual(bound * 48);
    expect(wire.taskManagerPool.figures().bytesInUse).toBe(0);
    // Every data buffer sent was read: nothing is in flight at the end, channel by channel.
    wire.producer.subpartitions.forEach((s, i) =>
      expect(wire.gates[i]!.channels[0]!.buffersConsumed).toBe(s.metrics().buffersSent),
    );
    expect(wire.producer.subpartitions.every((s) => s.metrics().buffersSent > 10)).toBe(true);
    for (const [consumer, values] of expected) {
      const elements = received.get(consumer)!;
      expect(elements.at(-1)).toEqual({ kind: 'endOfPartition' });
      expect(elements.slice(0, -1).map((e) => (e.kind === 'record' ? e.value : e.kind))).toEqual(values);
      expect(wire.gates[consumer]!.channels[0]!.isFinished()).toBe(true);
    }
    // The producer really was held back: far fewer records than 5 per round got written.
    expect(next).toBeLessThan(400 * 5);
    expect(next).toBeGreaterThan(400);
  });

  test('a buffer beyond the credit the channel announced is refused', () => {
    const wire = connect(1, 64);
    const channel = wire.gates[0]!.channels[0]!;
    const buffer = (): BufferMessage => ({
      type: 'buffer',
      channel: 'e0:0>0',
      data: new ArrayBuffer(8),
      backlog: 0,
      event: false,
    });
    let received = 0;
    // Each arrival may make the channel borrow floating buffers (announced as credit); send exactly what was granted.
    while (received < wire.granted.get('e0:0>0')!) {
      channel.onBuffer(buffer());
      received++;
    }
    // Unread buffers keep the channel below backlog + initialCredit free buffers, so it borrows the whole floating pool.
    expect(received).toBe(BUFFERS_PER_CHANNEL + FLOATING_PER_GATE);
    expect(() => channel.onBuffer(buffer())).toThrow('without credit');
  });
});
