/**
 * Turns the tasks' own figures into the protocol's metrics view: per subtask, and per channel named by
 * the vertices and subtasks at its two ends.
 */
import { parseChannelKey, type TaskMetrics } from '@sluice/engine';
import type { ExecutionGraph } from '@sluice/planner';
import type { RuntimeEventOf } from '@sluice/protocol';

export function jobMetricsEvent(jobId: string, graph: ExecutionGraph, tasks: Iterable<TaskMetrics>, timestamp: number): RuntimeEventOf<'metrics'> {
  const event: RuntimeEventOf<'metrics'> = { type: 'metrics', jobId, timestamp, subtasks: [], channels: [] };
  for (const { channels, ...subtask } of tasks) {
    event.subtasks.push(subtask);
    for (const { channel, credit, backlog, buffersInFlight } of channels) {
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
        buffersInFlight,
      });
    }
  }
  return event;
}
