/** `sluice plan JOB.json`: the ExecutionGraph in the CLI's JSON shape (design.md Contract 2). */
import { planExecutionGraph, toCliPlan } from '@sluice/planner';
import { loadValidJobGraph } from './validate-command.js';

export async function planCommand(path: string | undefined): Promise<number> {
  const jobGraph = await loadValidJobGraph(path);
  if (!jobGraph) return 1;
  console.log(JSON.stringify(toCliPlan(planExecutionGraph(jobGraph)), null, 2));
  return 0;
}
