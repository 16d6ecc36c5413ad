/**
 * The consumer's end of one channel (Flink's RemoteInputChannel with its BufferManager, §4).
 *
 * The channel owns `initialCredit` exclusive buffers and may borrow floating buffers from its gate. Every
 * free buffer it owns has been announced to the producer as one credit, so the producer can never send
 * more than the channel can hold. A received buffer occupies one of them until the task has read it.
 */
import type { BufferMessage } from './messages.js';
import type { StreamElement } from '../elements/stream-element.js';
import { deserializeEvent, RecordDeserializer } from '../serialization/record-serializer.js';

/** What the channel needs from its gate: floating buffers and a way to announce credit. */
export interface ChannelOwner {
  /** A buffer of the channel started (+1) or stopped (-1) holding data. */
  bufferInUse(delta: 1 | -1): void;
  requestFloatingBuffer(channel: InputChannel): boolean;
  releaseFloatingBuffer(): void;
  announceCredit(channel: InputChannel, credit: number): void;
}

type Pending = { kind: 'buffer'; data: ArrayBuffer } | { kind: 'event'; element: StreamElement };

export class InputChannel {
  private floatingBuffers = 0;
  /** Buffers holding data: queued, or being read. */
  private buffersInUse = 0;
  private requiredBuffers: number;
  private readonly pending: Pending[] = [];
  private readonly deserializer = new RecordDeserializer();
  private reading = false;
  private endOfPartition = false;
  /** Data buffers fully read so far (the consumer's half of the buffers-in-flight figure). */
  buffersConsumed = 0;

  constructor(
    readonly channel: string,
    /** Index among all channels of the task's inputs (the watermark valve's input index). */
    readonly index: number,
    readonly initialCredit: number,
    private readonly owner: ChannelOwner,
  ) {
    this.requiredBuffers = initialCredit;
  }

  /** The exclusive buffers, announced as the initial credit when the task starts. */
  announceInitialCredit(): void {
    if (this.initialCredit > 0) this.owner.announceCredit(this, this.initialCredit);
  }

  private ownedBuffers(): number {
    return this.initialCredit + this.floatingBuffers;
  }

  freeBuffers(): number {
    return this.ownedBuffers() - this.buffersInUse;
  }

  usedBuffers(): number {
    return this.buffersInUse;
  }

  /** Returns the event the buffer holds, if it is one: an unaligned barrier acts before the data queued ahead of it. */
  onBuffer(message: BufferMessage): StreamElement | undefined {
    if (message.event) {
      const element = deserializeEvent(message.data);
      this.pending.push({ kind: 'event', element });
      return element;
    } else {
      if (this.freeBuffers() <= 0)
        throw new Error(`channel ${message.channel}: the producer sent a buffer without credit`);
      this.buffersInUse++;
      this.owner.bufferInUse(1);
      this.pending.push({ kind: 'buffer', data: message.data });
      this.onSenderBacklog(message.backlog);
    }
    return undefined;
  }

  /** Requests floating buffers until the channel could take the whole backlog (plus its initial credit). */
  private onSenderBacklog(backlog: number): void {
    this.requiredBuffers = backlog + this.initialCredit;
    let granted = 0;
    while (this.freeBuffers() < this.requiredBuffers && this.owner.requestFloatingBuffer(this)) {
      this.floatingBuffers++;
      granted++;
    }
    if (granted > 0) this.owner.announceCredit(this, granted);
  }

  /** The gate offers a floating buffer that came free; true if the channel took (and announced) it. */
  offerFloatingBuffer(): boolean {
    if (this.freeBuffers() >= this.requiredBuffers) return false;
    this.floatingBuffers++;
    this.owner.announceCredit(this, 1);
    return true;
  }

  /** A buffer has been read: keep it and announce it as credit, or give a floating buffer back if not needed. */
  private recycleBuffer(): void {
    this.buffersInUse--;
    this.buffersConsumed++;
    this.owner.bufferInUse(-1);
    if (this.floatingBuffers > 0 && this.freeBuffers() - 1 >= this.requiredBuffers) {
      this.floatingBuffers--;
      this.owner.releaseFloatingBuffer();
    } else {
      this.owner.announceCredit(this, 1);
    }
  }

  hasInput(): boolean {
    return this.reading || this.pending.length > 0;
  }

  isFinished(): boolean {
    return this.endOfPartition;
  }

  /**
   * The next element of this channel, or undefined when nothing more is readable now. Reading stops at
   * buffer boundaries, so the task can give other channels a turn.
   */
  pollNext(): StreamElement | undefined {
    for (;;) {
      if (this.reading) {
        const element = this.deserializer.next();
        if (this.deserializer.isBufferConsumed()) {
          this.reading = false;
          this.recycleBuffer();
        }
        if (element) return element;
        continue;
      }
      const next = this.pending.shift();
      if (!next) return undefined;
      if (next.kind === 'event') {
        if (!this.deserializer.isAtFrameBoundary())
          throw new Error(`channel ${this.channel}: event in the middle of a record`);
        if (next.element.kind === 'endOfPartition') this.endOfPartition = true;
        return next.element;
      }
      this.deserializer.setNextBuffer(next.data);
      this.reading = true;
    }
  }

  /** True when the last read consumed the channel's current buffer (a natural point to switch channels). */
  atBufferBoundary(): boolean {
    return !this.reading;
  }
}
