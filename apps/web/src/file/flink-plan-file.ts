/** A Flink plan file (either format Flink writes) read into a JobGraph with importFlinkPlan. */
import { importFlinkPlan, type ImportResult } from '@sluice/model';

/** A plan without a name of its own (getExecutionPlan's) takes the file's, as a saved job would. */
export function readFlinkPlanFile(text: string, fileName: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      problems: [{ path: '$', message: `is not JSON: ${error instanceof Error ? error.message : String(error)}` }],
    };
  }
  return importFlinkPlan(json, fileName.replace(/\.json$/i, ''));
}
