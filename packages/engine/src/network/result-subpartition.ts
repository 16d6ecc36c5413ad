/**
 * One subpartition of a ResultPartition: the producer's end of one channel (Flink's PipelinedSubpartition
 * with its CreditBasedSequenceNumberingViewReader folded in, §4).
 *
 * Data buffers queue here and are sent only while the channel has credit, each send spending one credit
 * and announcing the remaining backlog. Events (end of partition, barriers) need no credit, but keep their
 * place in the queue: "the next buffer is an event or the reader has credit".
 */
import type { ChannelMetrics, TaskNetwork } from '../task/host.js';
import type { BufferBuilder } from '../serialization/record-serializer.js';
import type { BufferPool } from './buffer-pool.js';

interface QueuedBuffer {
  data: ArrayBuffer;
  event: boolean;
}

export class ResultSubpartition {
  private credit = 0;
  private readonly queue: QueuedBuffer[] = [];
  private queuedDataBuffers = 0;
  private builder: BufferBuilder | undefined;
  private dataBuffersSent = 0;
  private finished = false;

  constructor(
    readonly channel: string,
    private readonly pool: BufferPool,
    private readonly network: TaskNetwork,
  ) {}

  /** Appends one serialized frame, filling the current buffer and starting new ones as needed. */
  addFrame(frame: Uint8Array): void {
    if (this.finished) throw new Error(`subpartition ${this.channel} is finished`);
    let offset = 0;
    while (offset < frame.length) {
      this.builder ??= this.pool.requestBufferBuilder();
      offset += this.builder.append(frame, offset);
      if (this.builder.isFull()) this.finishBuilder();
    }
  }

  /** Makes a partially filled buffer sendable (buffer timeout, or flush-always). */
  flush(): void {
    if (this.builder && !this.builder.isEmpty()) this.finishBuilder();
  }

  /** Queues an event (a checkpoint barrier) after the data before it: it goes without credit, but never overtakes data. */
  addEvent(event: ArrayBuffer): void {
    if (this.finished) throw new Error(`subpartition ${this.channel} is finished`);
    this.flush();
    this.queue.push({ data: event, event: true });
    this.trySend();
  }

  /** Queues the end-of-partition event after the last data (Flink's PipelinedSubpartition.finish). */
  finish(endOfPartition: ArrayBuffer): void {
    this.addEvent(endOfPartition);
    this.finished = true;
  }

  addCredit(credit: number): void {
    this.credit += credit;
    this.trySend();
  }

  private finishBuilder(): void {
    const builder = this.builder!;
    this.builder = undefined;
    this.queue.push({ data: builder.finish(), event: false });
    this.queuedDataBuffers++;
    this.pool.reuseSegment(builder);
    this.trySend();
  }

  private trySend(): void {
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      if (!head.event && this.credit <= 0) return;
      this.queue.shift();
      if (!head.event) {
        this.credit--;
        this.queuedDataBuffers--;
        this.dataBuffersSent++;
        this.pool.recycle();
      }
      this.network.send({
        type: 'buffer',
        channel: this.channel,
        data: head.data,
        backlog: this.queuedDataBuffers,
        event: head.event,
      });
    }
  }

  /** All output, end of partition included, has left. */
  isReleased(): boolean {
    return this.finished && this.queue.length === 0;
  }

  metrics(): ChannelMetrics {
    return {
      channel: this.channel,
      credit: this.credit,
      backlog: this.queuedDataBuffers,
      buffersSent: this.dataBuffersSent,
    };
  }
}
