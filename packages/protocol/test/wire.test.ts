import { describe, expect, it } from 'vitest';
import { decodeRuntimeEvent, encodeRuntimeEvent, runtimeEventSchema, type RuntimeEvent } from '../src/index.js';

const metrics: RuntimeEvent = {
  type: 'metrics',
  jobId: 'j1',
  timestamp: 1000,
  subtasks: [
    {
      vertexId: 'map',
      subtaskIndex: 0,
      recordsIn: 10,
      recordsOut: 9,
      busyMsPerSecond: 400,
      idleMsPerSecond: 500,
      backPressuredMsPerSecond: 100,
      inPoolUsage: 0.25,
      outPoolUsage: 0.5,
      currentInputWatermark: null,
    },
    {
      vertexId: 'map',
      subtaskIndex: 1,
      recordsIn: 12,
      recordsOut: 12,
      busyMsPerSecond: 0,
      idleMsPerSecond: 1000,
      backPressuredMsPerSecond: 0,
      inPoolUsage: 0,
      outPoolUsage: 0,
      currentInputWatermark: 1700000000000,
    },
  ],
  channels: [
    {
      sourceVertexId: 'src',
      sourceSubtask: 0,
      targetVertexId: 'map',
      targetSubtask: 1,
      credit: 2,
      backlog: 0,
      buffersInFlight: 1,
    },
  ],
};

/** What socket.io does to a payload: JSON and back. */
const overTheWire = (event: RuntimeEvent) => decodeRuntimeEvent(JSON.parse(JSON.stringify(encodeRuntimeEvent(event))));

describe('runtime events on the wire', () => {
  it('sends a metrics frame as columns and gets the same event back', () => {
    const wire = encodeRuntimeEvent(metrics);
    expect(wire).toEqual({
      type: 'metrics',
      jobId: 'j1',
      timestamp: 1000,
      subtaskColumns: [
        ['map', 'map'],
        [0, 1],
        [10, 12],
        [9, 12],
        [400, 0],
        [500, 1000],
        [100, 0],
        [0.25, 0],
        [0.5, 0],
        [null, 1700000000000],
      ],
      channelColumns: [['src'], [0], ['map'], [1], [2], [0], [1]],
    });
    expect(runtimeEventSchema.parse(overTheWire(metrics))).toEqual(metrics);
  });

  it('is about a quarter of the JSON for a large frame', () => {
    // The render bench's frame: 200 vertices at parallelism 32, counters in the millions, a watermark each.
    const subtasks = Array.from({ length: 6400 }, (_, i) => ({
      vertexId: `p${i % 20}-o${i % 10}`,
      subtaskIndex: i % 32,
      recordsIn: 4_000_000 + i,
      recordsOut: 4_000_000 + i,
      busyMsPerSecond: i % 1000,
      idleMsPerSecond: 1000 - (i % 1000),
      backPressuredMsPerSecond: 0,
      inPoolUsage: 0.1,
      outPoolUsage: 0.2,
      currentInputWatermark: 1_700_000_000_000 + i,
    }));
    const large: RuntimeEvent = { type: 'metrics', jobId: 'j1', timestamp: 1000, subtasks, channels: [] };
    expect(JSON.stringify(encodeRuntimeEvent(large)).length).toBeLessThan(JSON.stringify(large).length * 0.27);
  });

  it('leaves every other event as it is', () => {
    const status: RuntimeEvent = { type: 'job.status', jobId: 'j1', status: 'RUNNING', timestamp: 5 };
    expect(encodeRuntimeEvent(status)).toBe(status);
    expect(overTheWire(status)).toEqual(status);
  });

  it('names the field of a bad column by its path in the event', () => {
    const wire = JSON.parse(JSON.stringify(encodeRuntimeEvent(metrics)));
    wire.subtaskColumns[2][1] = 'twelve';
    const parsed = runtimeEventSchema.safeParse(decodeRuntimeEvent(wire));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['subtasks.1.recordsIn']);
    // Columns of different lengths are no rows at all: the columns reach the schema as they came, and it refuses them.
    wire.subtaskColumns[2].pop();
    expect(runtimeEventSchema.safeParse(decodeRuntimeEvent(wire)).error?.issues[0]?.path).toEqual(['subtasks', 0]);
  });
});
