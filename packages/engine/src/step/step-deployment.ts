/**
 * How the step mode deploys a job: the same TaskDeploymentDescriptors as a run, with these differences. Every
 * element is flushed into a buffer of its own (buffer timeout 0, Flink's flushAlways), so it travels on its own.
 * Checkpointing is left out (the step view draws no barriers). Operators run without their `slowdownMs`: the step mode's clock is virtual and the order of moves is the seed's,
 * so a real sleep per record could show nothing and would only make stepping (and every replay) slow. And the
 * planner's shared slots are laid out over TaskManagers the way the options describe, so the view can say where
 * each subtask would run.
 */
import { validateJobGraph, type JobGraph } from '@sluice/model';
import { planExecutionGraph } from '@sluice/planner';
import { localDeploymentDescriptors } from '../local/local-execution.js';
import type { TaskDeploymentDescriptor } from '../task/deployment.js';
import type { StepSessionOptions } from './step-types.js';

function checkWholeNumber(field: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new Error(`${field}: must be a whole number ≥ ${min}, got ${JSON.stringify(value) ?? String(value)}`);
  }
}

/** Checks the options a caller passes (a postMessage, a command line) before anything runs. */
export function checkStepOptions(options: StepSessionOptions): void {
  if (typeof options.seed !== 'number' || !Number.isSafeInteger(options.seed)) {
    throw new Error(`options.seed: must be an integer, got ${JSON.stringify(options.seed) ?? String(options.seed)}`);
  }
  if (options.taskManagers !== undefined) checkWholeNumber('options.taskManagers', options.taskManagers, 1);
  if (options.slotsPerTaskManager !== undefined)
    checkWholeNumber('options.slotsPerTaskManager', options.slotsPerTaskManager, 1);
  if (options.processingTimeStepMs !== undefined)
    checkWholeNumber('options.processingTimeStepMs', options.processingTimeStepMs, 0);
  const advances: unknown = options.processingTimeAdvances;
  if (advances !== undefined) {
    if (!Array.isArray(advances)) throw new Error('options.processingTimeAdvances: must be an array');
    advances.forEach((advance: { afterStep?: unknown; ms?: unknown }, i) => {
      checkWholeNumber(`options.processingTimeAdvances[${i}].afterStep`, advance?.afterStep, 0);
      checkWholeNumber(`options.processingTimeAdvances[${i}].ms`, advance?.ms, 0);
    });
  }
}

export function stepDeploymentDescriptors(input: unknown, options: StepSessionOptions): TaskDeploymentDescriptor[] {
  checkStepOptions(options);
  const validation = validateJobGraph(input);
  if (!validation.ok) {
    throw new Error(
      `the JobGraph is invalid: ${validation.problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ')}`,
    );
  }
  const { checkpointing: _checkpointing, ...config } = validation.jobGraph.config ?? {};
  const jobGraph: JobGraph = {
    ...validation.jobGraph,
    config: { ...config, bufferTimeoutMs: 0 },
    operators: validation.jobGraph.operators.map(({ slowdownMs: _, ...operator }) => operator),
  };
  const executionGraph = planExecutionGraph(jobGraph);
  const slotsRequired = executionGraph.slots.length;
  const taskManagers = options.taskManagers ?? 1;
  const slotsPerTaskManager = options.slotsPerTaskManager ?? Math.max(1, Math.ceil(slotsRequired / taskManagers));
  if (slotsRequired > taskManagers * slotsPerTaskManager) {
    throw new Error(
      `options: the job needs ${slotsRequired} slots but ${taskManagers} TaskManager(s) × ${slotsPerTaskManager} slots offer ${taskManagers * slotsPerTaskManager}`,
    );
  }
  return localDeploymentDescriptors(jobGraph, executionGraph, (planSlot) => ({
    taskManagerId: `tm-${Math.floor(planSlot / slotsPerTaskManager) + 1}`,
    slotIndex: planSlot % slotsPerTaskManager,
  }));
}
