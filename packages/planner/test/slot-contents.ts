import type { ExecutionGraph } from '../src/index.js';

/** Each shared slot as the subtasks it holds, "vertex#subtask", in placement order. */
export const slotContents = (eg: ExecutionGraph): string[][] =>
  eg.slots.map((slot) => slot.subtasks.map((s) => `${s.vertexId}#${s.subtaskIndex}`));
