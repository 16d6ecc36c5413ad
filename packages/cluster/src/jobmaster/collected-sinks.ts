/**
 * What the job's sink.collect operators delivered, kept so that a restart from checkpoint n leaves exactly the
 * values that checkpoint covers (§7 Recovery): a collect sink sends its batch ahead of its acknowledgement, so the
 * values a subtask had delivered when it acknowledged n are the ones before barrier n. After a restart the
 * subtask's later values come again from the restored sources; without a checkpoint the job starts from nothing.
 */

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

  /** `sinksOfVertex`: the sink.collect operators chained into each vertex. */
  constructor(private readonly sinksOfVertex: ReadonlyMap<string, readonly string[]>) {
    for (const operators of sinksOfVertex.values())
      for (const operatorId of operators) this.delivered.set(operatorId, []);
  }

  append(operatorId: string, subtaskIndex: number, values: readonly unknown[]): void {
    const delivered = this.delivered.get(operatorId) ?? [];
    this.delivered.set(operatorId, delivered);
    for (const value of values) delivered.push({ subtaskIndex, value });
    const subtask = sinkSubtask(operatorId, subtaskIndex);
    this.counts.set(subtask, (this.counts.get(subtask) ?? 0) + values.length);
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
    this.counts.clear();
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
      for (const [subtaskIndex, count] of kept) this.counts.set(sinkSubtask(operatorId, subtaskIndex), count);
    }
    for (const id of this.marks.keys()) if (checkpointId === null || id > checkpointId) this.marks.delete(id);
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
