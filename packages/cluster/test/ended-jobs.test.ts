/**
 * The job store's limits (Flink's jobstore.expiration-time and jobstore.max-capacity, issue 11): an ended job is
 * forgotten an hour after it ended, or earlier when more ended jobs than the capacity are kept. On a manual clock.
 */
import { describe, expect, it } from 'vitest';
import { LocalCluster } from '../src/index.js';
import { EndedJobs } from '../src/jobstore/ended-jobs.js';
import { ManualTimerService } from '../src/time/manual-timer-service.js';
import { edge, jobGraph, operator } from './harness.js';

const HOUR = 60 * 60 * 1000;

describe('EndedJobs', () => {
  it('forgets a job when its expiration time has passed since it ended, and the earliest ended beyond the capacity', () => {
    const time = new ManualTimerService();
    const forgotten: string[] = [];
    const store = new EndedJobs({ expirationMs: HOUR, maxCapacity: 2 }, time, (jobId) => forgotten.push(jobId));
    store.ended('a');
    time.advance(10);
    store.ended('b');
    store.ended('b');
    expect(forgotten).toEqual([]);
    store.ended('c');
    expect(forgotten).toEqual(['a']);
    // b and c ended at 10 ms: they expire at 1 h 10 ms.
    time.advance(HOUR - 1);
    expect(forgotten).toEqual(['a']);
    time.advance(1);
    expect(forgotten).toEqual(['a', 'b', 'c']);
    // 'a' expired early: its own timer was cancelled and does not report it twice.
    time.advance(HOUR);
    expect(forgotten).toEqual(['a', 'b', 'c']);
  });
});

describe('a LocalCluster', () => {
  it('lists an ended job until the job store lets it go, and never a running one', async () => {
    const time = new ManualTimerService();
    const cluster = await LocalCluster.start({ taskManagers: 1, slotsPerTaskManager: 1, time, jobStoreMaxCapacity: 1 });
    try {
      const graph = jobGraph(
        'tiny',
        [operator('src', 'source.collection', 1, { elements: [{ value: 1 }] }), operator('out', 'sink.collect', 1)],
        [edge('src', 'out')],
      );
      const first = cluster.submitJob(graph);
      expect((await first.whenTerminal()).status).toBe('FINISHED');
      expect(cluster.listJobs().map((job) => job.jobId)).toEqual([first.jobId]);
      const second = cluster.submitJob(graph);
      expect((await second.whenTerminal()).status).toBe('FINISHED');
      expect(cluster.listJobs().map((job) => job.jobId)).toEqual([second.jobId]);
      expect(cluster.getJob(first.jobId)).toBeUndefined();
      time.advance(HOUR);
      expect(cluster.listJobs()).toEqual([]);
    } finally {
      await cluster.shutdown();
    }
  });
});
