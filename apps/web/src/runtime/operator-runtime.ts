/** What an operator node shows while its job runs: its vertex's status and, on the chain's head, the chain's record counts. */
import type { LiveJob } from './live-job';
import { recordsPerVertex, statusPerOperator, type OperatorStatus, type RecordCounts } from './metrics';

/**
 * The metrics carry records in and out per task (= per chain), not per chained operator (§1 Operator
 * chaining): the head shows the chain's figures, every other operator of the chain names its head
 * instead of showing figures that are not its own (a map behind a source would read "in 0").
 */
export type ChainRecords = { chainedInto: null; records: RecordCounts } | { chainedInto: string };

export interface OperatorRuntime {
  status: OperatorStatus;
  chain: ChainRecords;
}

export function operatorRuntime(job: LiveJob): Record<string, OperatorRuntime> {
  const records = recordsPerVertex(job.executionGraph, job.records);
  const statuses = statusPerOperator(job.executionGraph, job.taskStates);
  const result: Record<string, OperatorRuntime> = {};
  for (const vertex of job.executionGraph.vertices) {
    for (const operatorId of vertex.operators) {
      const chain: ChainRecords =
        operatorId === vertex.id ? { chainedInto: null, records: records[vertex.id]! } : { chainedInto: vertex.id };
      result[operatorId] = { status: statuses[operatorId]!, chain };
    }
  }
  return result;
}
