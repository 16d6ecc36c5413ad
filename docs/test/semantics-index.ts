/**
 * What a `§` citation may point to in docs/semantics.md: its numbered sections, the headings inside each, and the
 * reference keys of its References list.
 */

export interface SemanticsIndex {
  /** Section number → the citable names of the section and of every heading inside it. */
  readonly headings: ReadonlyMap<number, readonly string[]>;
  readonly referenceKeys: ReadonlySet<string>;
}

const SECTION = /^## §(\d+) (.+)$/;
const SUBHEADING = /^#{3,6} (.+)$/;
const REFERENCE = /^- \[([A-Z0-9]+)\]/;

/** A heading is cited by the words before its dash: "Ex 1 — BoundedOutOfOrderness(2), …" is cited as "Ex 1". */
function citableName(heading: string): string {
  return heading.split(' — ')[0]!.trim();
}

export function indexSemantics(markdown: string): SemanticsIndex {
  const headings = new Map<number, string[]>();
  const referenceKeys = new Set<string>();
  let section: string[] | undefined;
  for (const line of markdown.split('\n')) {
    const sectionMatch = SECTION.exec(line);
    if (sectionMatch) {
      section = [citableName(sectionMatch[2]!)];
      headings.set(Number(sectionMatch[1]), section);
      continue;
    }
    if (line.startsWith('## ')) section = undefined;
    const subheading = SUBHEADING.exec(line);
    if (subheading && section) section.push(citableName(subheading[1]!));
    const reference = REFERENCE.exec(line);
    if (reference) referenceKeys.add(reference[1]!);
  }
  return { headings, referenceKeys };
}

export interface Citation {
  readonly text: string;
  readonly section: number;
  /** What follows the number on the same line, up to the next `§`. */
  readonly rest: string;
}

const CITATION = /§ ?(\d+)([^§]*)/g;

export function citationsIn(line: string): Citation[] {
  return [...line.matchAll(CITATION)].map((m) => ({
    text: `§${m[1]}${m[2]!.replace(/\s+$/, '').slice(0, 40)}`,
    section: Number(m[1]),
    rest: m[2]!,
  }));
}

function startsWithWord(text: string, word: string): boolean {
  if (!text.toLowerCase().startsWith(word.toLowerCase())) return false;
  return !/[\p{L}\p{N}_]/u.test(text.charAt(word.length));
}

/**
 * Why a citation does not resolve, or undefined when it does. After the number comes either a heading of that
 * section ("§3 Key groups: …"), a reference key ("§2 [LIP]"), or prose that names nothing ("§4: a task …",
 * "§1 rules 1 and 7"); a capitalised word that is no heading is taken for a heading that does not exist. A heading
 * cut by the end of a comment line ("§4 Credit-based flow") resolves to the heading it begins.
 */
export function unresolved(index: SemanticsIndex, citation: Citation): string | undefined {
  const names = index.headings.get(citation.section);
  if (!names) return `docs/semantics.md has no section §${citation.section}`;
  if (!citation.rest.startsWith(' ')) return undefined;
  const named = citation.rest.slice(1);
  if (names.some((name) => startsWithWord(named, name))) return undefined;
  const key = /^\[([A-Z0-9]+)/.exec(named);
  if (key) return index.referenceKeys.has(key[1]!) ? undefined : `no reference [${key[1]}] in docs/semantics.md`;
  const wrapped = named.replace(/[\s*/]+$/, '');
  if (wrapped.length > 0 && names.some((name) => startsWithWord(name, wrapped))) return undefined;
  if (/^\p{Lu}/u.test(named)) return `§${citation.section} has no heading "${named.split(/[,:;.(]/)[0]!.trim()}"`;
  return undefined;
}
