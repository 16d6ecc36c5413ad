/**
 * Turns the tasks' own figures into the protocol's metrics view: per subtask, and per channel named by
 * the vertices and subtasks at its two ends. A channel's buffers in flight (sent, not yet read by the consumer)
 * join its two ends' counts: the producer's buffers sent minus the consumer's buffers consumed.
 */
import { parseChannelKey, type TaskMetrics } from '@sluice/engine';
import type { ExecutionGraph } from '@sluice/planner';
import type { RuntimeEventOf } from '@sluice/protocol';

export function jobMetricsEvent(
  jobId: string,
  graph: ExecutionGraph,
  tasks: Iterable<TaskMetrics>,
  timestamp: number,
): RuntimeEventOf<'metrics'> {
  const event: RuntimeEventOf<'metrics'> = { type: 'metrics', jobId, timestamp, subtasks: [], channels: [] };
  const reported = [...tasks];
  const consumed = new Map(
    reported.flatMap((task) => task.inputChannels.map((c) => [c.channel, c.buffersConsumed] as const)),
  );
  for (const { channels, inputChannels: _inputChannels, ...subtask } of reported) {
    event.subtasks.push(subtask);
    for (const { channel, credit, backlog, buffersSent } of channels) {
      const { edgeIndex, producerSubtask, consumerSubtask } = parseChannelKey(channel);
      const edge = graph.edges[edgeIndex];
      if (!edge) continue;
      event.channels.push({
        sourceVertexId: edge.source,
        sourceSubtask: producerSubtask,
        targetVertexId: edge.target,
        targetSubtask: consumerSubtask,
        credit,
        backlog,
        // The two counts come from two snapshots; a consumer's newer one may have read what the producer's older one
        // had not counted as sent yet, so the difference is floored at 0.
        buffersInFlight: Math.max(0, buffersSent - (consumed.get(channel) ?? 0)),
      });
    }
  }
  return event;
}
