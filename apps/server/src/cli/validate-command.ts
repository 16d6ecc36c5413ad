/** `sluice validate JOB.json`: exit 0 when valid, else exit 1 with one `<json path>: <reason>` line per problem. */
import { validateJobGraph, type JobGraph } from '@sluice/model';
import type { Problem } from '@sluice/protocol';
import { readJobFile } from './job-file.js';

const formatProblem = (problem: Problem): string => `${problem.path || '(root)'}: ${problem.message}`;

/** The valid JobGraph, or undefined after reporting each problem on a line of its own. */
export async function loadValidJobGraph(
  path: string | undefined,
  report: (line: string) => void = console.error,
): Promise<JobGraph | undefined> {
  const validation = validateJobGraph(await readJobFile(path));
  if (validation.ok) return validation.jobGraph;
  for (const problem of validation.problems) report(formatProblem(problem));
  return undefined;
}

export async function validateCommand(path: string | undefined): Promise<number> {
  // The problems are what `validate` was asked for: they go to stdout, where a script reads them.
  const jobGraph = await loadValidJobGraph(path, console.log);
  if (!jobGraph) return 1;
  console.log(`${path}: valid`);
  return 0;
}
