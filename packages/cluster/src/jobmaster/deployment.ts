/**
 * Where a job's subtasks run. The TaskDeploymentDescriptors themselves come from the engine's
 * buildTaskDeploymentDescriptors, the same builder the in-process runner uses, given these locations.
 */
import type { TaskLocation } from '@sluice/engine';
import type { ExecutionGraph } from '@sluice/planner';
import type { SlotPlacement } from '../resourcemanager/resource-manager.js';

export const subtaskKey = (vertexId: string, subtaskIndex: number): string => `${vertexId}/${subtaskIndex}`;

/** Where every subtask runs: the slot its planned shared slot was granted. */
export function subtaskLocations(graph: ExecutionGraph, placements: SlotPlacement[]): Map<string, TaskLocation> {
  const locations = new Map<string, TaskLocation>();
  graph.slots.forEach((plan, i) => {
    const placement = placements[i];
    if (!placement) throw new Error(`no slot granted for planned slot ${i}`);
    for (const { vertexId, subtaskIndex } of plan.subtasks)
      locations.set(subtaskKey(vertexId, subtaskIndex), { ...placement });
  });
  return locations;
}

/** The location of one subtask, for buildTaskDeploymentDescriptors. */
export function locator(
  locations: Map<string, TaskLocation>,
): (vertexId: string, subtaskIndex: number) => TaskLocation {
  return (vertexId, subtaskIndex) => {
    const location = locations.get(subtaskKey(vertexId, subtaskIndex));
    if (!location) throw new Error(`subtask ${vertexId}#${subtaskIndex} has no slot`);
    return location;
  };
}
