/**
 * What flows through a stream (Flink's StreamElement hierarchy plus the two runtime events a task sees on
 * its inputs). Records, watermarks and watermark statuses travel inside data buffers, under credit;
 * barriers and end of partition are events, sent as buffers of their own without credit.
 */

export interface StreamRecord {
  kind: 'record';
  value: unknown;
  /** Event timestamp in ms (Flink's StreamRecord timestamp); absent when the record has none. */
  timestamp?: number;
}

export interface Watermark {
  kind: 'watermark';
  timestamp: number;
}

/** Flink's WatermarkStatus: an idle input is left out of the downstream watermark's minimum. */
export interface WatermarkStatus {
  kind: 'watermarkStatus';
  idle: boolean;
}

export interface CheckpointBarrier {
  kind: 'barrier';
  checkpointId: number;
  timestamp: number;
  /** Unaligned barriers overtake in-flight data (§7 Unaligned). */
  unaligned: boolean;
}

/** Flink's EndOfPartitionEvent: the producer subtask will send nothing more on this channel. */
export interface EndOfPartition {
  kind: 'endOfPartition';
}

export type StreamElement = StreamRecord | Watermark | WatermarkStatus | CheckpointBarrier | EndOfPartition;

/** Flink's Watermark.MAX_WATERMARK (Long.MAX_VALUE): the end of event time, emitted by a finite source at its end. */
export const MAX_WATERMARK_TIMESTAMP = Number.POSITIVE_INFINITY;

export const record = (value: unknown, timestamp?: number): StreamRecord =>
  timestamp === undefined ? { kind: 'record', value } : { kind: 'record', value, timestamp };

export const watermark = (timestamp: number): Watermark => ({ kind: 'watermark', timestamp });

let generalLayouts: StreamRecord[] | undefined;

/**
 * Keeps a record's value a value of any type for V8, as Flink's StreamRecord holds an Object. V8 gives every
 * `{ kind, value }` object of the process one layout and narrows the value field to what it has held so far: had
 * it held numbers only, some with a fraction (a running sum), V8 would store every record's value as an unboxed
 * double, and a job of integers would compute in floating point (a floating-point `%` is many times slower than
 * an integer one). Two records with a non-number value, held for as long as the engine is loaded (a layout
 * without objects may be dropped and start narrow again), keep the field general.
 */
export function keepRecordValuesGeneral(): void {
  generalLayouts ??= [record(null), record(null, 0)];
}

export const END_OF_PARTITION: EndOfPartition = { kind: 'endOfPartition' };
