/**
 * What the built-in sources share: a small batch per emitNext call (so the task's mailbox gets control back
 * often enough for credits, checkpoints and cancel), and the end of a bounded input: MAX_WATERMARK, then
 * END_OF_INPUT (§5: a finite source ends event time, firing every event-time timer downstream).
 */
import { MAX_WATERMARK_TIMESTAMP, watermark } from '../../elements/stream-element.js';
import type { InputStatus, Output } from '../stream-operator.js';

/** Records per emitNext call. */
export const SOURCE_BATCH_SIZE = 64;

export const MORE_AVAILABLE: InputStatus = { status: 'MORE_AVAILABLE' };
export const END_OF_INPUT: InputStatus = { status: 'END_OF_INPUT' };

/** Emits the end of event time once; returns END_OF_INPUT on this and every later call. */
export class EndOfInput {
  private reached = false;

  constructor(private readonly output: Output) {}

  signal(): InputStatus {
    if (!this.reached) {
      this.reached = true;
      this.output.emitWatermark(watermark(MAX_WATERMARK_TIMESTAMP));
    }
    return END_OF_INPUT;
  }
}
