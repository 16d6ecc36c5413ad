/**
 * A JobGraph plan node is a JobVertex, a whole operator chain. Its description in Flink's default TREE mode
 * (pipeline.vertex-description-mode) lists the chain head first and each chained operator below the one
 * feeding it, indented three columns per level behind "+- " (last child) or ":- " (other children):
 *
 *   CsvTableSource(read fields: last)<br/>+- [1]:SourceConversion(...)<br/>   +- Map<br/>      +- Sink: CsvTableSink(first)<br/>
 *
 * The description is HTML-escaped, with "<br/>" for line breaks; the Table planner prefixes its operators with "[n]:".
 */

export interface ChainedOperatorName {
  name: string;
  /** Index of the operator feeding this one inside the chain; undefined for the chain's head. */
  parent: number | undefined;
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&amp;': '&',
};

function unescapeHtml(text: string): string {
  return text.replace(/&(lt|gt|quot|#39|amp);/g, (entity) => HTML_ENTITIES[entity] ?? entity);
}

/** The chain's operators in description order, or undefined when the description holds no operator name. */
export function chainedOperatorNames(description: string): ChainedOperatorName[] | undefined {
  const lines = description.split(/<br\s*\/?>|\n/).filter((line) => line.trim() !== '');
  const operators: ChainedOperatorName[] = [];
  /** The last operator seen at each depth: the parent of the next line one level deeper. */
  const lastAtDepth: number[] = [];
  for (const line of lines) {
    const marker = /^([\s|:]*?)(?:[+:]- )/.exec(line);
    const depth = marker === null ? 0 : Math.floor(marker[1]!.length / 3) + 1;
    const name = unescapeHtml(line.slice(marker === null ? 0 : marker[0].length).trim()).replace(/^\[\d+\]:/, '');
    // A line deeper than any open level cannot be placed; hang it under the deepest one, as the tree draws it.
    const parentDepth = Math.min(depth, lastAtDepth.length) - 1;
    operators.push({ name, parent: depth === 0 || parentDepth < 0 ? undefined : lastAtDepth[parentDepth] });
    lastAtDepth.length = parentDepth + 1;
    lastAtDepth.push(operators.length - 1);
  }
  return operators.length > 0 ? operators : undefined;
}
