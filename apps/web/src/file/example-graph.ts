/**
 * An example's JobGraph as the canvas opens it: a fresh copy (edits never touch the catalogue), named in the UI's
 * language. The English name stays the example's own (`wordcount`, as in its files and the CLI); other languages
 * get the example's translated title, so a Chinese workshop sees Chinese job names.
 */
import type { ExampleJob, JobGraph } from '@sluice/model';
import type { Language } from '../i18n';

export function exampleJobGraph(example: ExampleJob, language: Language): JobGraph {
  const jobGraph = structuredClone(example.jobGraph);
  return language === 'en' ? jobGraph : { ...jobGraph, name: example.title[language] };
}
