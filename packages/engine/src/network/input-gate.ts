/**
 * The consumer's end of one incoming JobEdge (Flink's SingleInputGate): one InputChannel per producer
 * subtask, and the gate's pool of floating buffers that channels borrow when their producer announces a
 * backlog (§4). A channel that finds the pool empty waits in line for the next floating buffer returned.
 */
import type { TaskNetwork } from '../task/host.js';
import { channelKey, type InputGateDescriptor } from '../task/deployment.js';
import { InputChannel, type ChannelOwner } from './input-channel.js';
import type { NetworkMemoryReservation } from './network-buffer-pool.js';

export class InputGate implements ChannelOwner {
  readonly channels: InputChannel[];
  private availableFloatingBuffers: number;
  private readonly waitingForFloating: InputChannel[] = [];

  constructor(
    readonly descriptor: InputGateDescriptor,
    consumerSubtask: number,
    /** Index of the gate's first channel among all channels of the task's inputs. */
    firstChannelIndex: number,
    buffersPerChannel: number,
    readonly floatingBuffers: number,
    private readonly network: TaskNetwork,
    /** The task's share of the TaskManager's network memory, which counts the buffers holding data. */
    private readonly networkMemory: NetworkMemoryReservation,
  ) {
    this.availableFloatingBuffers = floatingBuffers;
    this.channels = descriptor.producers.map(
      (producer, i) =>
        new InputChannel(
          channelKey({ edgeIndex: descriptor.edgeIndex, producerSubtask: producer.subtaskIndex, consumerSubtask }),
          firstChannelIndex + i,
          buffersPerChannel,
          this,
        ),
    );
  }

  bufferInUse(delta: 1 | -1): void {
    this.networkMemory.bufferInUse(delta);
  }

  requestFloatingBuffer(channel: InputChannel): boolean {
    if (this.availableFloatingBuffers > 0) {
      this.availableFloatingBuffers--;
      return true;
    }
    if (!this.waitingForFloating.includes(channel)) this.waitingForFloating.push(channel);
    return false;
  }

  releaseFloatingBuffer(): void {
    while (this.waitingForFloating.length > 0) {
      if (this.waitingForFloating.shift()!.offerFloatingBuffer()) return;
    }
    this.availableFloatingBuffers++;
  }

  announceCredit(channel: InputChannel, credit: number): void {
    this.network.send({ type: 'credit', channel: channel.channel, credit });
  }

  /** Buffers holding unread data over all buffers the gate may use (Flink's inPoolUsage). */
  usage(): { used: number; total: number } {
    let used = 0;
    for (const c of this.channels) used += c.usedBuffers();
    return { used, total: this.channels.length * (this.channels[0]?.initialCredit ?? 0) + this.floatingBuffers };
  }
}
