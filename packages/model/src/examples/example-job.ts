import type { JobGraph } from '../jobgraph.js';

/** Text in the two languages of the UI. */
export interface LocalizedText {
  en: string;
  zh: string;
}

/** A built-in JobGraph the editor opens, with what its sinks receive so cluster tests can assert it. */
export interface ExampleJob {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  jobGraph: JobGraph;
  /**
   * Per sink id, the records the sink receives in a complete run, as a multiset: arrival order depends on
   * scheduling and is not part of the expectation, so compare sorted.
   */
  expectedSinkRecords: Record<string, unknown[]>;
}
