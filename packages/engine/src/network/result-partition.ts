/**
 * The producer's end of one outgoing JobEdge (Flink's ResultPartition plus its RecordWriter): serializes
 * each element once, selects channels with the edge's partitioner and appends the frame to those
 * subpartitions. Records go to the selected channels; watermarks and events go to every channel.
 */
import type { CheckpointBarrier, EndOfPartition, StreamElement, StreamRecord } from '../elements/stream-element.js';
import { END_OF_PARTITION } from '../elements/stream-element.js';
import { RecordSerializer, serializeEvent } from '../serialization/record-serializer.js';
import type { ResultPartitionDescriptor } from '../task/deployment.js';
import { channelKey } from '../task/deployment.js';
import type { TaskNetwork } from '../task/host.js';
import type { StepObserver } from '../task/step-observer.js';
import type { BufferPool } from './buffer-pool.js';
import type { ChannelSelector } from './partitioners.js';
import { ResultSubpartition } from './result-subpartition.js';

type RuntimeEvent = CheckpointBarrier | EndOfPartition;

export class ResultPartition {
  readonly subpartitions: ResultSubpartition[];
  private readonly serializer = new RecordSerializer();
  /** Set after the first write since the last flush, so the buffer timeout is armed once. */
  private dirty = false;

  constructor(
    readonly descriptor: ResultPartitionDescriptor,
    producerSubtask: number,
    pool: BufferPool,
    network: TaskNetwork,
    private readonly selectChannel: ChannelSelector,
    /** Buffer timeout 0: every record is flushed at once (Flink's flushAlways). */
    private readonly flushAlways: boolean,
    /** Called on the first write after a flush, to arm the buffer timeout. */
    private readonly onDirty: () => void,
    /** Step mode: told which channel every element enters. */
    private readonly stepObserver?: StepObserver,
  ) {
    this.subpartitions = descriptor.consumers.map(
      (c) =>
        new ResultSubpartition(
          channelKey({ edgeIndex: descriptor.edgeIndex, producerSubtask, consumerSubtask: c.subtaskIndex }),
          pool,
          network,
        ),
    );
  }

  emitRecord(record: StreamRecord): void {
    const channel = this.selectChannel(record);
    const frame = this.serializer.serialize(record);
    if (channel === 'all') for (const s of this.subpartitions) this.write(s, frame, record);
    else this.write(this.subpartitions[channel]!, frame, record);
  }

  /** Watermarks and watermark statuses go to every consumer, inside the data stream. */
  broadcastElement(element: StreamElement): void {
    const frame = this.serializer.serialize(element);
    for (const s of this.subpartitions) this.write(s, frame, element);
  }

  private write(subpartition: ResultSubpartition, frame: Uint8Array, element: StreamElement): void {
    this.stepObserver?.elementWritten(subpartition.channel, element);
    subpartition.addFrame(frame);
    if (this.flushAlways) subpartition.flush();
    else if (!this.dirty) {
      this.dirty = true;
      this.onDirty();
    }
  }

  flush(): void {
    this.dirty = false;
    for (const s of this.subpartitions) s.flush();
  }

  /** A checkpoint barrier to every consumer, behind the data already written (§7: barriers never overtake records). */
  broadcastBarrier(barrier: CheckpointBarrier): void {
    this.broadcastEvent(barrier, (s, data) => s.addEvent(data));
  }

  finish(): void {
    this.broadcastEvent(END_OF_PARTITION, (s, data) => s.finish(data));
  }

  private broadcastEvent(
    event: RuntimeEvent,
    enqueue: (subpartition: ResultSubpartition, data: ArrayBuffer) => void,
  ): void {
    const data = serializeEvent(this.serializer, event);
    // Every subpartition gets its own copy: buffers are transferred, and a transferred ArrayBuffer is gone.
    for (const s of this.subpartitions) {
      this.stepObserver?.elementWritten(s.channel, event);
      enqueue(s, data.slice(0));
    }
    this.dirty = false;
  }

  isReleased(): boolean {
    return this.subpartitions.every((s) => s.isReleased());
  }
}
