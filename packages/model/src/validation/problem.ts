/** One thing wrong with a JobGraph: where (a JSONPath, `$` for the document) and why, in plain English. */
export interface Problem {
  path: string;
  message: string;
}
