/**
 * The paths of a JobGraph the Dispatcher is asked to run, confined to its data root: file sources and sinks and
 * the checkpoint storage directory. Returns the JobGraph with every path absolute inside the root (the
 * TaskManagers run in another working directory), or a problem per path refused, at its JSON path.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { JobGraph } from '@sluice/model';
import type { Problem } from '@sluice/protocol';
import type { ConfinedPaths } from './data-root.js';

const FILE_OPERATORS = new Set(['source.file', 'sink.file']);

export function confineJobGraphPaths(
  jobGraph: JobGraph,
  paths: ConfinedPaths,
): { ok: true; jobGraph: JobGraph } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const confine = (given: string, jsonPath: string): string => {
    const resolved = paths.resolve(given);
    if (resolved === undefined) problems.push({ path: jsonPath, message: paths.refusal(given) });
    return resolved ?? given;
  };
  const operators = jobGraph.operators.map((operator, index) => {
    const path = operator.params?.path;
    if (!FILE_OPERATORS.has(operator.kind) || typeof path !== 'string') return operator;
    return { ...operator, params: { ...operator.params, path: confine(path, `$.operators[${index}].params.path`) } };
  });
  const checkpointing = jobGraph.config?.checkpointing;
  const config = checkpointing && {
    ...jobGraph.config,
    checkpointing: {
      ...checkpointing,
      // Without one, the job's checkpoints (and its default savepoint folders) go under the root too, so they can be restored from.
      storageDir:
        checkpointing.storageDir === undefined
          ? join(paths.root, 'checkpoints', randomBytes(8).toString('hex'))
          : confine(checkpointing.storageDir, '$.config.checkpointing.storageDir'),
    },
  };
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, jobGraph: { ...jobGraph, operators, ...(config && { config }) } };
}
