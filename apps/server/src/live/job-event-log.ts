/**
 * The discrete events of each job, kept so that a client subscribing after the job started (the browser learns
 * the job id from POST /jobs, by which time the job may be RUNNING or even FINISHED) sees the same sequence as
 * one that was there from the start. Slot events are cluster-wide and reach every client live, so they are not
 * replayed: a replayed allocation of a slot since handed to another job would rewind the client's slot view.
 * Metrics are not replayed either: the next coalesced frame carries the current figures.
 */
import type { RuntimeEvent } from '@sluice/protocol';

type JobScopedEvent = Exclude<
  RuntimeEvent,
  {
    type:
      | 'taskmanager.registered'
      | 'taskmanager.lost'
      | 'taskmanager.metrics'
      | 'slot.allocated'
      | 'slot.released'
      | 'metrics';
  }
>;

/**
 * Events kept per job: a long job's sink and task events must not fill the Dispatcher's memory. Beyond it only
 * status changes are kept, so a late subscriber still sees how the job ended.
 */
export const MAX_EVENTS_PER_JOB = 10_000;

export class JobEventLog {
  private readonly events = new Map<string, JobScopedEvent[]>();

  append(event: JobScopedEvent): void {
    const log = this.events.get(event.jobId);
    if (!log) this.events.set(event.jobId, [event]);
    else if (log.length < MAX_EVENTS_PER_JOB || event.type === 'job.status') log.push(event);
  }

  /** Lets go of the logs of jobs the cluster no longer keeps (its job store expired them). */
  retainJobs(jobExists: (jobId: string) => boolean): void {
    for (const jobId of this.events.keys()) if (!jobExists(jobId)) this.events.delete(jobId);
  }

  replay(jobId: string): readonly JobScopedEvent[] {
    return this.events.get(jobId) ?? [];
  }
}
