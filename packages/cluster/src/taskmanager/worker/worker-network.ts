/**
 * The TaskNetwork of a task running on a worker thread. A message goes to the task at the other end of its
 * channel: on the same TaskManager straight through a MessagePort between the two workers (the ArrayBuffer
 * is transferred, zero copy); on another TaskManager through this TaskManager's main thread, which owns the
 * TCP connection to that TaskManager.
 */
import type { MessagePort } from 'node:worker_threads';
import type { NetworkMessage, TaskDeploymentDescriptor, TaskNetwork } from '@sluice/engine';
import { taskChannels } from '../task-channels.js';
import { transferablesOf, type FromTaskWorker } from './worker-protocol.js';

export class WorkerTaskNetwork implements TaskNetwork {
  /** For every channel of the task, the TaskManager of the task at its other end. */
  private readonly peers: Map<string, string>;
  private readonly localPorts = new Map<string, MessagePort>();
  /** Messages for a local peer whose port has not arrived yet (the peer is not deployed yet). */
  private readonly awaitingPort = new Map<string, NetworkMessage[]>();
  /** Messages that arrived before the task registered its handler. */
  private inbox: NetworkMessage[] = [];
  private handler: ((message: NetworkMessage) => void) | undefined;

  constructor(
    tdd: TaskDeploymentDescriptor,
    private readonly taskManagerId: string,
    private readonly toMainThread: (message: FromTaskWorker, transfer: ArrayBuffer[]) => void,
  ) {
    this.peers = new Map(taskChannels(tdd).map(({ channel, peerTaskManagerId }) => [channel, peerTaskManagerId]));
  }

  send(message: NetworkMessage): void {
    const peer = this.peers.get(message.channel);
    if (peer === undefined) throw new Error(`channel ${message.channel} is not a channel of this task`);
    if (peer !== this.taskManagerId) {
      this.toMainThread({ type: 'remote', targetTaskManagerId: peer, message }, transferablesOf(message));
      return;
    }
    const port = this.localPorts.get(message.channel);
    if (port) port.postMessage(message, transferablesOf(message));
    else {
      const queued = this.awaitingPort.get(message.channel);
      if (queued) queued.push(message);
      else this.awaitingPort.set(message.channel, [message]);
    }
  }

  onMessage(handler: (message: NetworkMessage) => void): void {
    this.handler = handler;
    const early = this.inbox;
    this.inbox = [];
    for (const message of early) handler(message);
  }

  deliver(message: NetworkMessage): void {
    if (this.handler) this.handler(message);
    else this.inbox.push(message);
  }

  attachLocalChannel(channel: string, port: MessagePort): void {
    this.localPorts.set(channel, port);
    port.on('message', (message: NetworkMessage) => this.deliver(message));
    for (const message of this.awaitingPort.get(channel) ?? []) port.postMessage(message, transferablesOf(message));
    this.awaitingPort.delete(channel);
  }
}
