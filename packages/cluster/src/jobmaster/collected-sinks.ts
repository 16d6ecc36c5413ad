/**
 * What the job's sink.collect operators delivered, kept so that a restart from checkpoint n leaves exactly the
 * values that checkpoint covers (§7 Recovery): a collect sink sends its batch ahead of its acknowledgement, so the
 * values a subtask had delivered when it acknowledged n are the ones before barrier n. After a restart the
 * subtask's later values come again from the restored sources; without a checkpoint the job starts from nothing.
 */

/**
 * Values kept per collect sink: a collect sink is for looking at results, and an unbounded source behind one
 * must not fill the Dispatcher's memory. Beyond it the sink is marked truncated and later values are counted
 * (for checkpoints) but not kept.
 */
export const MAX_RECORDS_PER_SINK = 10_000;

/** A sink subtask's key in the marks and counts. */
const sinkSubtask = (operatorId: string, subtaskIndex: number): string => `${operatorId}#${subtaskIndex}`;

interface Delivered {
  subtaskIndex: number;
  value: unknown;
}

export class CollectedSinks {
  private readonly delivered = new Map<string, Delivered[]>();
  /** Per checkpoint in flight or completed, per sink subtask (`operatorId#index`): how many values it covers. */
  private readonly marks = new Map<number, Map<string, number>>();
  /** Per sink subtask (`operatorId#index`): how many values it delivered. */
  private readonly counts = new Map<string, number>();
  /** Sinks that delivered more than MAX_RECORDS_PER_SINK values at some point. */
  private readonly truncatedSinks = new Set<string>();

  /** `sinksOfVertex`: the sink.collect operators chained into each vertex. */
  constructor(private readonly sinksOfVertex: ReadonlyMap<string, readonly string[]>) {
    for (const operators of sinksOfVertex.values())
      for (const operatorId of operators) this.delivered.set(operatorId, []);
  }

  /** Returns the values kept: all of them until the sink reaches MAX_RECORDS_PER_SINK. */
  append(operatorId: string, subtaskIndex: number, values: unknown[]): unknown[] {
    const delivered = this.delivered.get(operatorId) ?? [];
    this.delivered.set(operatorId, delivered);
    const room = Math.max(0, MAX_RECORDS_PER_SINK - delivered.length);
    const kept = values.length <= room ? values : values.slice(0, room);
    if (kept.length < values.length) this.truncatedSinks.add(operatorId);
    for (const value of kept) delivered.push({ subtaskIndex, value });
    const subtask = sinkSubtask(operatorId, subtaskIndex);
    this.counts.set(subtask, (this.counts.get(subtask) ?? 0) + values.length);
    return kept;
  }

  /** The subtask acknowledged `checkpointId`: everything its sinks delivered so far is covered by it. */
  acknowledged(checkpointId: number, vertexId: string, subtaskIndex: number): void {
    const marks = this.marksOf(checkpointId);
    for (const operatorId of this.sinksOfVertex.get(vertexId) ?? []) {
      const subtask = sinkSubtask(operatorId, subtaskIndex);
      marks.set(subtask, this.counts.get(subtask) ?? 0);
    }
  }

  /**
   * `checkpointId` completed. A sink subtask that had finished before it was triggered did not acknowledge it:
   * all it delivered is covered. Marks of older checkpoints stay only for those a restart may fall back to (`retained`).
   */
  completed(
    checkpointId: number,
    finishedSubtasks: readonly { vertexId: string; subtaskIndex: number }[],
    retained: readonly number[],
  ): void {
    const marks = this.marksOf(checkpointId);
    for (const { vertexId, subtaskIndex } of finishedSubtasks) {
      for (const operatorId of this.sinksOfVertex.get(vertexId) ?? []) {
        const subtask = sinkSubtask(operatorId, subtaskIndex);
        if (!marks.has(subtask)) marks.set(subtask, this.counts.get(subtask) ?? 0);
      }
    }
    for (const id of this.marks.keys()) if (id < checkpointId && !retained.includes(id)) this.marks.delete(id);
  }

  /** The next attempt starts from `checkpointId` (null: from the beginning): later values are dropped. */
  rewindTo(checkpointId: number | null): void {
    const marks = (checkpointId !== null && this.marks.get(checkpointId)) || new Map<string, number>();
    // What each subtask delivered up to the checkpoint, kept or not (a truncated sink kept fewer).
    const countsBefore = new Map(this.counts);
    this.counts.clear();
    for (const [subtask, count] of countsBefore) this.counts.set(subtask, Math.min(count, marks.get(subtask) ?? 0));
    for (const [operatorId, delivered] of this.delivered) {
      const kept = new Map<number, number>();
      this.delivered.set(
        operatorId,
        delivered.filter(({ subtaskIndex }) => {
          const count = kept.get(subtaskIndex) ?? 0;
          if (count >= (marks.get(sinkSubtask(operatorId, subtaskIndex)) ?? 0)) return false;
          kept.set(subtaskIndex, count + 1);
          return true;
        }),
      );
    }
    for (const id of this.marks.keys()) if (checkpointId === null || id > checkpointId) this.marks.delete(id);
  }

  /** The sinks whose values beyond MAX_RECORDS_PER_SINK were not kept. */
  truncated(): string[] {
    return [...this.truncatedSinks];
  }

  values(): Record<string, unknown[]> {
    return Object.fromEntries(
      [...this.delivered].map(([operatorId, delivered]) => [operatorId, delivered.map((d) => d.value)]),
    );
  }

  private marksOf(checkpointId: number): Map<string, number> {
    const marks = this.marks.get(checkpointId) ?? new Map<string, number>();
    this.marks.set(checkpointId, marks);
    return marks;
  }
}
