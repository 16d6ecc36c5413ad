import { describe, expect, test } from 'vitest';
import { InternalTimerService, type InternalTimer } from '../../src/time/internal-timer-service.js';
import { ManualTime } from '../operators/chain-harness.js';

function timerService() {
  const fired: string[] = [];
  const time = new ManualTime();
  const name = (domain: string, t: InternalTimer<string>) => `${domain} ${String(t.key)}/${t.namespace}@${t.time}`;
  const service: InternalTimerService<string> = new InternalTimerService<string>(
    (ns) => ns,
    {
      onEventTime: (t) => {
        fired.push(name('event', t));
        // A timer registered while firing, at or below the watermark, fires in the same advance.
        if (t.namespace === 'chain') service.registerEventTimeTimer(t.key, 'chained', t.time);
      },
      onProcessingTime: (t) => fired.push(name('processing', t)),
    },
    time,
  );
  return { service, fired, time };
}

describe('InternalTimerService (§5 Timers)', () => {
  test('event-time timers fire ascending while time ≤ watermark; equal timers are one', () => {
    const { service, fired } = timerService();
    service.registerEventTimeTimer('k', 'w2', 9);
    service.registerEventTimeTimer('k', 'w1', 4);
    service.registerEventTimeTimer('k', 'w1', 4);
    service.registerEventTimeTimer({ a: 1, b: 2 }, 'w1', 4);
    service.registerEventTimeTimer({ b: 2, a: 1 }, 'w1', 4); // the same key, fields in another order
    service.registerEventTimeTimer('k', 'chain', 5);
    service.advanceWatermark(5);
    expect(fired).toEqual(['event k/w1@4', 'event [object Object]/w1@4', 'event k/chain@5', 'event k/chained@5']);
    expect(service.currentWatermark).toBe(5);
    expect(service.pendingTimers()).toEqual([{ time: 9, domain: 'event', key: 'k' }]);
  });

  test('a deleted timer does not fire', () => {
    const { service, fired } = timerService();
    service.registerEventTimeTimer('k', 'w', 3);
    service.deleteEventTimeTimer('k', 'w', 3);
    service.advanceWatermark(10);
    expect(fired).toEqual([]);
  });

  test('a processing-time timer at t fires once the clock reads t + 1, earliest first, with one wake-up scheduled', () => {
    const { service, fired, time } = timerService();
    service.registerProcessingTimeTimer('k', 'late', 8);
    service.registerProcessingTimeTimer('k', 'early', 4);
    service.registerProcessingTimeTimer('k', 'gone', 6);
    service.deleteProcessingTimeTimer('k', 'gone', 6);
    time.advance(4);
    expect(fired).toEqual([]);
    time.advance(1);
    expect(fired).toEqual(['processing k/early@4']);
    time.advance(4);
    expect(fired).toEqual(['processing k/early@4', 'processing k/late@8']);
    expect(time.pendingTimers).toBe(0);
  });

  test('close() cancels the wake-up: pending processing-time timers never fire', () => {
    const { service, fired, time } = timerService();
    service.registerProcessingTimeTimer('k', 'w', 2);
    service.close();
    time.advance(10);
    expect(fired).toEqual([]);
  });
});
