/**
 * A job must lead somewhere: Flink builds its StreamGraph from the transformations that reach a sink, and refuses
 * a job with none ("No operators defined in streaming topology. Cannot execute.", StreamExecutionEnvironment).
 * An empty canvas or a pipeline without a sink would "run" and show nothing, so both are problems here.
 */
import { CATALOGUE } from '../catalogue.js';
import type { DocumentParts } from './document-parts.js';
import type { Problem } from './problem.js';

export const FLINK_NO_OPERATORS = 'No operators defined in streaming topology. Cannot execute.';

function roleOf(raw: unknown) {
  const kind = typeof raw === 'object' && raw !== null ? (raw as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' && Object.hasOwn(CATALOGUE, kind)
    ? CATALOGUE[kind as keyof typeof CATALOGUE].role
    : undefined;
}

export function sinkProblems(parts: DocumentParts): Problem[] {
  const roles = parts.rawOperators.map(roleOf);
  if (roles.length === 0)
    return [
      {
        path: '$.operators',
        message: `the job has no operators; add a source and a sink (Flink refuses it: "${FLINK_NO_OPERATORS}")`,
      },
    ];
  // An unknown kind or a Flink operator Sluice cannot run is reported on its own; it may be the sink.
  if (roles.includes('sink') || roles.some((role) => role === undefined || role === 'unsupported')) return [];
  return [
    {
      path: '$.operators',
      message: `the job has no sink, so its results go nowhere; connect a sink to the end of the pipeline (Flink refuses a job whose operators lead to no sink: "${FLINK_NO_OPERATORS}")`,
    },
  ];
}
