/**
 * Every channel of a deployed task, with the side the task is on and the TaskManager of the task at the other
 * end: what the TaskManager's ChannelRouter and the task's WorkerTaskNetwork both wire from the TDD.
 */
import { channelKey, type TaskDeploymentDescriptor } from '@sluice/engine';
import type { ChannelSide } from './network/channel-router.js';

export interface TaskChannel {
  channel: string;
  /** The side this task is on. */
  side: ChannelSide;
  peerTaskManagerId: string;
}

export function taskChannels(tdd: TaskDeploymentDescriptor): TaskChannel[] {
  const channels: TaskChannel[] = [];
  for (const partition of tdd.resultPartitions) {
    for (const { subtaskIndex, location } of partition.consumers) {
      const channel = channelKey({
        edgeIndex: partition.edgeIndex,
        producerSubtask: tdd.subtaskIndex,
        consumerSubtask: subtaskIndex,
      });
      channels.push({ channel, side: 'producer', peerTaskManagerId: location.taskManagerId });
    }
  }
  for (const gate of tdd.inputGates) {
    for (const { subtaskIndex, location } of gate.producers) {
      const channel = channelKey({
        edgeIndex: gate.edgeIndex,
        producerSubtask: subtaskIndex,
        consumerSubtask: tdd.subtaskIndex,
      });
      channels.push({ channel, side: 'consumer', peerTaskManagerId: location.taskManagerId });
    }
  }
  return channels;
}
