/** Save and load of JobGraph JSON files (Contract 1), as users share them in workshops. */
import { jobGraphSchema, type JobGraph } from '@sluice/model';
import { stableJobGraphJson } from './stable-json';

/** Stable key order and 2-space indentation (stable-json.ts): saved jobs diff cleanly. */
export function serializeJobGraph(jobGraph: JobGraph): string {
  return stableJobGraphJson(jobGraph);
}

export function fileNameFor(jobGraph: JobGraph): string {
  const base = jobGraph.name
    .trim()
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'job'}.json`;
}

export type ParsedFile =
  | { ok: true; jobGraph: JobGraph }
  | { ok: false; error: 'not-json'; reason: string }
  | { ok: false; error: 'not-jobgraph'; path: string; reason: string };

/**
 * Accepts any file shaped as a JobGraph, even one with semantic problems (a missing key, a cycle):
 * those load onto the canvas and show where they are. Only a file that is not a JobGraph is refused.
 */
export function parseJobGraphFile(text: string): ParsedFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: 'not-json', reason: error instanceof Error ? error.message : String(error) };
  }
  const parsed = jobGraphSchema.safeParse(json);
  if (parsed.success) return { ok: true, jobGraph: parsed.data };
  const issue = parsed.error.issues[0]!;
  // A JSONPath, as validation problems name their place ("$.operators[0].kind").
  const path = issue.path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : `${acc}.${String(part)}`),
    '$',
  );
  return { ok: false, error: 'not-jobgraph', path, reason: issue.message };
}
