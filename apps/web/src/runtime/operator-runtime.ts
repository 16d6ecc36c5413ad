/** What an operator node shows while its job runs: its vertex's status and record counts. */
import type { LiveJob } from './live-job';
import { recordsPerOperator, statusPerOperator, type OperatorStatus, type RecordCounts } from './metrics';

export interface OperatorRuntime {
  status: OperatorStatus;
  records: RecordCounts;
}

export function operatorRuntime(job: LiveJob): Record<string, OperatorRuntime> {
  const records = recordsPerOperator(job.executionGraph, job.records);
  const statuses = statusPerOperator(job.executionGraph, job.taskStates);
  return Object.fromEntries(Object.entries(statuses).map(([id, status]) => [id, { status, records: records[id]! }]));
}
