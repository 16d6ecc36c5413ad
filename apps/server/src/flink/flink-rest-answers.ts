/**
 * The parts of Flink's REST answers (Flink 2.x) the server reads. Only the fields used are typed; the recorded
 * fixtures under apps/server/test/flink/fixtures hold the full answers.
 */

/** GET /jobs/:id */
export interface FlinkJobDetails {
  jid: string;
  name: string;
  state: string;
  now: number;
  vertices: { id: string; name: string; parallelism: number; status: string }[];
}

/** GET /jobs/:id/vertices/:vid */
export interface FlinkVertexDetails {
  id: string;
  name: string;
  subtasks: {
    subtask: number;
    status: string;
    attempt: number;
    'taskmanager-id'?: string;
    /** Records through the task's network inputs and outputs; exact once the subtask has ended. */
    metrics: { 'read-records': number; 'write-records': number };
  }[];
}

/** GET /jobs/:id/vertices/:vid/metrics?get=... : every value is a string. */
export type FlinkMetricValues = { id: string; value: string }[];

/** GET /jobs/:id/exceptions (Flink 2.x): the failures of the job, the latest first. */
export interface FlinkJobExceptions {
  exceptionHistory: { entries: { exceptionName: string; stacktrace: string; timestamp: number; taskName?: string }[] };
}
