/**
 * One thread, virtual time, seeded order: the ProcessingTimeService of every task of an in-process job.
 *
 * Each task has its own FIFO mailbox of ready work (network deliveries and `schedule(0, …)` turns), so the
 * messages of a channel keep their order. A step runs the head of one mailbox, chosen with the seeded
 * random among the tasks that have work: the same seed gives the same interleaving, another seed another
 * legal one. Virtual time stands still while work is ready and jumps to the next timer when none is.
 */
import type { ProcessingTimeService } from '../task/host.js';
import { SeededRandom } from '../util/seeded-random.js';

interface Work {
  run: () => void;
  cancelled: boolean;
}

interface Timer {
  at: number;
  owner: string;
  work: Work;
}

export class DeterministicScheduler {
  private virtualNow = 0;
  private readonly random: SeededRandom;
  /** Mailboxes in creation order, so the seeded choice sees the same list on every run. */
  private readonly mailboxes = new Map<string, Work[]>();
  /** Sorted by due time; timers due at the same time keep the order they were set in. */
  private readonly timers: Timer[] = [];

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
  }

  now(): number {
    return this.virtualNow;
  }

  /** The ProcessingTimeService of one task: its turns and timers land in its own mailbox. */
  timeServiceFor(owner: string): ProcessingTimeService {
    this.mailbox(owner);
    return {
      now: () => this.virtualNow,
      schedule: (delayMs, fn) => {
        const work: Work = { run: fn, cancelled: false };
        if (delayMs <= 0) this.mailbox(owner).push(work);
        else this.addTimer({ at: this.virtualNow + delayMs, owner, work });
        return () => {
          work.cancelled = true;
        };
      },
    };
  }

  /** Queues work (a network delivery) at the end of a task's mailbox. */
  post(owner: string, fn: () => void): void {
    this.mailbox(owner).push({ run: fn, cancelled: false });
  }

  /** Runs one piece of work; false when nothing is left, neither ready nor timed. */
  step(): boolean {
    for (;;) {
      // Counted, then found again, rather than collected into an array: every mailbox turn of every task is a step.
      let ready = 0;
      for (const mailbox of this.mailboxes.values()) if (mailbox.length > 0) ready++;
      if (ready > 0) {
        const work = this.readyMailbox(this.random.nextInt(ready)).shift()!;
        if (work.cancelled) continue;
        work.run();
        return true;
      }
      const timer = this.timers.shift();
      if (!timer) return false;
      if (timer.work.cancelled) continue;
      this.virtualNow = Math.max(this.virtualNow, timer.at);
      this.mailbox(timer.owner).push(timer.work);
    }
  }

  /** The mailbox with work at this index among those with work, in creation order. */
  private readyMailbox(index: number): Work[] {
    let before = index;
    for (const mailbox of this.mailboxes.values()) if (mailbox.length > 0 && before-- === 0) return mailbox;
    throw new Error(`no mailbox with work at index ${index}`);
  }

  private mailbox(owner: string): Work[] {
    let mailbox = this.mailboxes.get(owner);
    if (!mailbox) {
      mailbox = [];
      this.mailboxes.set(owner, mailbox);
    }
    return mailbox;
  }

  private addTimer(timer: Timer): void {
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1]!.at > timer.at) i--;
    this.timers.splice(i, 0, timer);
  }
}
