/**
 * Routes network messages to the tasks of this TaskManager (Flink's ResultPartitionManager and the
 * partition-request handling, reduced). A channel between two local tasks gets a direct MessagePort pair
 * once both ends are deployed. A message from another TaskManager goes to the task at its channel's end:
 * a buffer to the consumer, a credit to the producer; if that task is not deployed yet, the message waits
 * for it, as Flink retries a partition request until the producer is there.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { NetworkMessage } from '@sluice/engine';

export type ChannelSide = 'producer' | 'consumer';

/** A deployed task as the router sees it. */
export interface ChannelEndpoint {
  deliver(message: NetworkMessage): void;
  attachLocalChannel(channel: string, port: MessagePort): void;
}

export interface ChannelRegistration {
  channel: string;
  /** The side this task is on. */
  side: ChannelSide;
  /** Whether the task at the other end runs on this TaskManager. */
  peerIsLocal: boolean;
}

interface JobChannels {
  /** Remote channels' local ends, by "<channel>/<side>". */
  endpoints: Map<string, ChannelEndpoint>;
  /** Messages from other TaskManagers for a task not deployed yet, by "<channel>/<side>". */
  waiting: Map<string, NetworkMessage[]>;
  /** Local channels with one end deployed, waiting for the other. */
  halfLocal: Map<string, { side: ChannelSide; endpoint: ChannelEndpoint }>;
}

const receivingSide = (message: NetworkMessage): ChannelSide => (message.type === 'buffer' ? 'consumer' : 'producer');

export class ChannelRouter {
  private readonly jobs = new Map<string, JobChannels>();
  /** Jobs this TaskManager is done with: late messages for them are dropped, not queued forever. */
  private readonly releasedJobs = new Set<string>();

  register(jobId: string, endpoint: ChannelEndpoint, channels: ChannelRegistration[]): void {
    const job = this.job(jobId);
    if (!job) return;
    for (const { channel, side, peerIsLocal } of channels) {
      if (peerIsLocal) this.pairLocal(job, channel, side, endpoint);
      else {
        const key = `${channel}/${side}`;
        job.endpoints.set(key, endpoint);
        for (const message of job.waiting.get(key) ?? []) endpoint.deliver(message);
        job.waiting.delete(key);
      }
    }
  }

  /** A message that arrived over TCP from another TaskManager. */
  deliverRemote(jobId: string, message: NetworkMessage): void {
    const job = this.job(jobId);
    if (!job) return;
    const key = `${message.channel}/${receivingSide(message)}`;
    const endpoint = job.endpoints.get(key);
    if (endpoint) endpoint.deliver(message);
    else {
      const waiting = job.waiting.get(key);
      if (waiting) waiting.push(message);
      else job.waiting.set(key, [message]);
    }
  }

  releaseJob(jobId: string): void {
    this.jobs.delete(jobId);
    this.releasedJobs.add(jobId);
  }

  private pairLocal(job: JobChannels, channel: string, side: ChannelSide, endpoint: ChannelEndpoint): void {
    const other = job.halfLocal.get(channel);
    if (!other || other.side === side) {
      job.halfLocal.set(channel, { side, endpoint });
      return;
    }
    job.halfLocal.delete(channel);
    const { port1, port2 } = new MessageChannel();
    endpoint.attachLocalChannel(channel, port1);
    other.endpoint.attachLocalChannel(channel, port2);
  }

  private job(jobId: string): JobChannels | undefined {
    if (this.releasedJobs.has(jobId)) return undefined;
    let job = this.jobs.get(jobId);
    if (!job) {
      job = { endpoints: new Map(), waiting: new Map(), halfLocal: new Map() };
      this.jobs.set(jobId, job);
    }
    return job;
  }
}
