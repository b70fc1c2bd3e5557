/**
 * A CDA document's human-readable narrative (CDA R2 §4.3.5, "StrucDocText": each section's
 * `<text>`) as plain data a component renders element by element: no HTML string is ever made,
 * so the text is escaped by construction and nothing in a document can run or fetch anything.
 * Only the narrative's own elements become nodes; links keep their words and lose their target,
 * multimedia is replaced by an "omitted" mark, and anything else keeps at most its text.
 */
import { HL7, attr, children, child, isElement, isText, textOf } from './cda-dom';
import type { Element } from '@xmldom/xmldom';

export type NarrativeStyle = 'bold' | 'italic' | 'underline';

/** Why part of the narrative is not shown, for the reader and the import report. */
export type NarrativeOmission =
  /** renderMultiMedia: an image or file the document embeds or points to. */
  | 'multimedia'
  /** An element that is not part of CDA's narrative (an HTML script, a foreign namespace…). */
  | 'foreign-element';

export type NarrativeNode =
  | { type: 'text'; text: string }
  | { type: 'break' }
  /** `content` with a styleCode, `sub`, `sup`: inline nodes only. */
  | { type: 'styled'; styles: NarrativeStyle[]; children: NarrativeNode[] }
  | { type: 'sub' | 'sup'; children: NarrativeNode[] }
  | { type: 'omitted'; reason: NarrativeOmission }
  | { type: 'paragraph'; caption: NarrativeNode[] | null; children: NarrativeNode[] }
  | { type: 'list'; ordered: boolean; caption: NarrativeNode[] | null; items: NarrativeNode[][] }
  | {
      type: 'table';
      caption: NarrativeNode[] | null;
      head: NarrativeRow[];
      body: NarrativeRow[];
      foot: NarrativeRow[];
    };

export type NarrativeCell = {
  header: boolean;
  colspan?: number;
  rowspan?: number;
  children: NarrativeNode[];
};
export type NarrativeRow = NarrativeCell[];

/** A section: its title (if any), its narrative, and its subsections, in document order. */
export type NarrativeSection = {
  title: string | null;
  /** The section's LOINC code, when it has one. */
  code: string | null;
  blocks: NarrativeNode[];
  sections: NarrativeSection[];
};

/** Deeper nesting than this is read as plain text: the tree a component recurses into stays shallow. */
const MAX_DEPTH = 24;
const BLOCK_TYPES = new Set(['paragraph', 'list', 'table']);
/** Elements whose content is code or layout, not words: dropped whole. */
const DROPPED = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template']);

/** The sections of a structuredBody, nested as in the document. */
export function readNarrative(structuredBody: Element): NarrativeSection[] {
  return readSections(structuredBody, 0);
}

function readSections(parent: Element, depth: number): NarrativeSection[] {
  const out: NarrativeSection[] = [];
  for (const component of children(parent, 'component')) {
    for (const section of children(component, 'section')) {
      const text = child(section, 'text');
      const blocks = text ? paragraphsOf(readFlow(text, 0)) : [];
      // Sections nest two or three levels in CI-SIS documents; beyond MAX_DEPTH they are left out.
      const sections = depth < MAX_DEPTH ? readSections(section, depth + 1) : [];
      const title = textOf(child(section, 'title'));
      if (blocks.length === 0 && sections.length === 0) continue;
      out.push({ title, code: attr(child(section, 'code'), 'code'), blocks, sections });
    }
  }
  return out;
}

function styleCodes(element: Element): NarrativeStyle[] {
  const codes = (attr(element, 'styleCode') ?? '').toLowerCase();
  const styles: NarrativeStyle[] = [];
  // Bold, Italics, Underline, Emphasis (CDA R2), and BoldItalics which CI-SIS examples use.
  if (/bold|emphasis/.test(codes)) styles.push('bold');
  if (/italic/.test(codes)) styles.push('italic');
  if (/underline/.test(codes)) styles.push('underline');
  return styles;
}

function captionOf(element: Element, depth: number): NarrativeNode[] | null {
  const caption = child(element, 'caption');
  if (!caption) return null;
  const nodes = tidy(readFlow(caption, depth + 1));
  return nodes.length > 0 ? nodes : null;
}

function span(count: string | null): number | undefined {
  const value = count === null ? NaN : Number(count);
  return Number.isInteger(value) && value > 1 && value <= 1000 ? value : undefined;
}

function readRows(parent: Element, depth: number): NarrativeRow[] {
  return children(parent, 'tr').map((tr) =>
    children(tr)
      .filter((cell) => cell.localName === 'th' || cell.localName === 'td')
      .map((cell) => {
        const out: NarrativeCell = {
          header: cell.localName === 'th',
          children: tidy(readFlow(cell, depth + 1)),
        };
        const colspan = span(attr(cell, 'colspan'));
        const rowspan = span(attr(cell, 'rowspan'));
        if (colspan) out.colspan = colspan;
        if (rowspan) out.rowspan = rowspan;
        return out;
      }),
  );
}

function readTable(table: Element, depth: number): NarrativeNode {
  const rows = (name: string) => children(table, name).flatMap((part) => readRows(part, depth));
  return {
    type: 'table',
    caption: captionOf(table, depth),
    head: rows('thead'),
    // Rows straight in <table> are body rows, as HTML reads them.
    body: [...rows('tbody'), ...readRows(table, depth)],
    foot: rows('tfoot'),
  };
}

/** One narrative element as nodes (several when its children are spliced into the parent). */
function readElement(element: Element, depth: number): NarrativeNode[] {
  if (element.namespaceURI !== HL7) {
    return DROPPED.has(element.localName ?? '')
      ? [{ type: 'omitted', reason: 'foreign-element' }]
      : readFlow(element, depth + 1);
  }
  if (depth >= MAX_DEPTH) {
    const text = textOf(element);
    return text ? [{ type: 'text', text: ` ${text} ` }] : [];
  }
  switch (element.localName) {
    case 'br':
      return [{ type: 'break' }];
    case 'content': {
      // Text marked as deleted by a revision is not part of what the author says.
      if (attr(element, 'revised') === 'delete') return [];
      const inner = readFlow(element, depth + 1);
      const styles = styleCodes(element);
      return styles.length > 0 ? [{ type: 'styled', styles, children: inner }] : inner;
    }
    case 'sub':
    case 'sup':
      return [{ type: element.localName, children: readFlow(element, depth + 1) }];
    // A link keeps its words; its target is never followed, shown or fetched.
    case 'linkHtml':
    case 'footnote':
      return readFlow(element, depth + 1);
    case 'footnoteRef':
    case 'caption':
    case 'col':
    case 'colgroup':
      return [];
    case 'renderMultiMedia':
      return [{ type: 'omitted', reason: 'multimedia' }];
    case 'paragraph':
      return [
        {
          type: 'paragraph',
          caption: captionOf(element, depth),
          children: tidy(readFlow(element, depth + 1)),
        },
      ];
    case 'list':
      return [
        {
          type: 'list',
          ordered: attr(element, 'listType') === 'ordered',
          caption: captionOf(element, depth),
          items: children(element, 'item').map((item) => tidy(readFlow(item, depth + 1))),
        },
      ];
    case 'table':
      return [readTable(element, depth)];
    default:
      // Not in CDA's narrative schema: its words are kept, as text.
      return DROPPED.has(element.localName ?? '')
        ? [{ type: 'omitted', reason: 'foreign-element' }]
        : readFlow(element, depth + 1);
  }
}

/** The children of an element as nodes, text with its whitespace collapsed. */
function readFlow(parent: Element, depth: number): NarrativeNode[] {
  const out: NarrativeNode[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (isText(node)) {
      out.push({ type: 'text', text: (node.nodeValue ?? '').replace(/\s+/g, ' ') });
    } else if (isElement(node)) {
      out.push(...readElement(node, depth));
    }
  }
  return out;
}

const isBoundary = (node: NarrativeNode | undefined) =>
  node === undefined || node.type === 'break' || BLOCK_TYPES.has(node.type);

/**
 * Merges neighbouring text, trims it where a line starts or ends (the edges of the flow, around
 * breaks and blocks) and drops what is left blank, as a browser would render the same text.
 */
function tidy(nodes: NarrativeNode[]): NarrativeNode[] {
  const merged: NarrativeNode[] = [];
  for (const node of nodes) {
    const last = merged.at(-1);
    if (node.type === 'text' && last?.type === 'text') last.text = `${last.text}${node.text}`;
    else merged.push(node.type === 'text' ? { ...node } : node);
  }
  const out: NarrativeNode[] = [];
  merged.forEach((node, i) => {
    if (node.type !== 'text') return out.push(node);
    let text = node.text.replace(/ {2,}/g, ' ');
    if (isBoundary(merged[i - 1])) text = text.trimStart();
    if (isBoundary(merged[i + 1])) text = text.trimEnd();
    if (text !== '') out.push({ type: 'text', text });
  });
  // A break that ends a flow draws nothing but an empty line.
  while (out.at(-1)?.type === 'break') out.pop();
  return out;
}

/** A section's flow as blocks: loose inline nodes between blocks become paragraphs. */
function paragraphsOf(nodes: NarrativeNode[]): NarrativeNode[] {
  const blocks: NarrativeNode[] = [];
  let inline: NarrativeNode[] = [];
  const flush = () => {
    const children = tidy(inline);
    if (children.length > 0) blocks.push({ type: 'paragraph', caption: null, children });
    inline = [];
  };
  for (const node of tidy(nodes)) {
    if (BLOCK_TYPES.has(node.type)) {
      flush();
      blocks.push(node);
    } else {
      inline.push(node);
    }
  }
  flush();
  return blocks;
}

/** How much narrative there is, by kind of block, for the import report and tests. */
export type NarrativeCounts = {
  sections: number;
  paragraphs: number;
  lists: number;
  tables: number;
  omitted: number;
};

export function countNarrative(sections: readonly NarrativeSection[]): NarrativeCounts {
  const counts: NarrativeCounts = { sections: 0, paragraphs: 0, lists: 0, tables: 0, omitted: 0 };
  const visitNodes = (nodes: readonly NarrativeNode[]) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'paragraph':
          counts.paragraphs += 1;
          visitNodes(node.children);
          break;
        case 'list':
          counts.lists += 1;
          node.items.forEach(visitNodes);
          break;
        case 'table':
          counts.tables += 1;
          for (const row of [...node.head, ...node.body, ...node.foot]) {
            for (const cell of row) visitNodes(cell.children);
          }
          break;
        case 'styled':
        case 'sub':
        case 'sup':
          visitNodes(node.children);
          break;
        case 'omitted':
          counts.omitted += 1;
          break;
      }
    }
  };
  const visit = (list: readonly NarrativeSection[]) => {
    for (const section of list) {
      counts.sections += 1;
      visitNodes(section.blocks);
      visit(section.sections);
    }
  };
  visit(sections);
  return counts;
}

/** The narrative's words, one string per block, for search and tests. */
export function narrativeText(nodes: readonly NarrativeNode[]): string {
  return nodes
    .map((node): string => {
      switch (node.type) {
        case 'text':
          return node.text;
        case 'break':
          return '\n';
        case 'omitted':
          return '';
        case 'styled':
        case 'sub':
        case 'sup':
        case 'paragraph':
          return narrativeText(node.children) + (node.type === 'paragraph' ? '\n' : '');
        case 'list':
          return node.items.map((item) => `${narrativeText(item)}\n`).join('');
        case 'table':
          return [...node.head, ...node.body, ...node.foot]
            .map((row) => `${row.map((cell) => narrativeText(cell.children)).join('\t')}\n`)
            .join('');
      }
    })
    .join('');
}
