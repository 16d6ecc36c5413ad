/**
 * Flink's CheckpointException: a checkpoint or savepoint that failed or could not start, with the
 * CheckpointFailureReason that says why (the message says the particulars).
 */
import type { CheckpointFailureReason } from '@sluice/protocol';

export class CheckpointException extends Error {
  override name = 'CheckpointException';

  constructor(
    readonly reason: CheckpointFailureReason,
    message: string,
  ) {
    super(message);
  }
}
