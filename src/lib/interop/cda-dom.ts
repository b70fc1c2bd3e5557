/**
 * Reading a CDA R2 document with @xmldom/xmldom: strict parsing, and the few walks the importer
 * needs over elements of the HL7 v3 namespace. xmldom builds a tree and nothing more: it fetches
 * no external entity, DTD or stylesheet (the `<?xml-stylesheet?>` of CI-SIS examples is ignored).
 */
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { NotCdaError } from './cda-errors';

/** CDA R2's namespace (HL7 v3). */
export const HL7 = 'urn:hl7-org:v3';
/** XML Schema instance: `xsi:type` tells a PQ value from a CD. */
export const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/**
 * The ClinicalDocument element of `text`. Throws NotCdaError for malformed XML (xmldom's errors
 * as well as its fatal errors: a half-read document is not previewed), a DOCTYPE, or another root.
 */
export function parseClinicalDocument(text: string): Element {
  // Entity declarations only come with a DOCTYPE; refusing it rules out entity expansion bombs.
  if (/<!DOCTYPE/i.test(text)) throw new NotCdaError('doctype');
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level) => {
        if (level !== 'warning') throw new NotCdaError('malformed-xml');
      },
    }).parseFromString(text.replace(/^\uFEFF/, ''), 'text/xml');
  } catch {
    throw new NotCdaError('malformed-xml');
  }
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== HL7 || root.localName !== 'ClinicalDocument') {
    throw new NotCdaError('not-clinical-document');
  }
  return root;
}

export function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

export function isText(node: Node): boolean {
  return node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE;
}

/** Whether `node` is the HL7 element `name`. */
export function isHl7(node: Node, name?: string): node is Element {
  return isElement(node) && node.namespaceURI === HL7 && (!name || node.localName === name);
}

/** The HL7 child elements of `parent`, all of them or those named `name`. */
export function children(parent: Element, name?: string): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (isHl7(node, name)) out.push(node);
  }
  return out;
}

/** The first HL7 child named `name`, following a path of names ("assignedAuthor/assignedPerson"). */
export function child(parent: Element | null | undefined, path: string): Element | null {
  let current: Element | null = parent ?? null;
  for (const name of path.split('/')) {
    if (!current) return null;
    current = children(current, name)[0] ?? null;
  }
  return current;
}

/** Every HL7 element named `name` under `parent`, in document order. */
export function descendants(parent: Element, name: string): Element[] {
  const out: Element[] = [];
  // Iterative: a document nested thousands deep must not overflow the stack.
  const stack: Element[] = children(parent).reverse();
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (element.localName === name) out.push(element);
    stack.push(...children(element).reverse());
  }
  return out;
}

/** An attribute's value, trimmed, or null when absent or blank. */
export function attr(element: Element | null | undefined, name: string): string | null {
  const value = element?.getAttribute(name)?.trim();
  return value ? value : null;
}

/** The `xsi:type` of an element (PQ, CD, IVL_TS…), without a namespace prefix. */
export function xsiType(element: Element): string | null {
  const type = element.getAttributeNS(XSI, 'type')?.trim();
  return type ? type.replace(/^.*:/, '') : null;
}

/** The text inside an element, whitespace collapsed, or null when blank. */
export function textOf(element: Element | null | undefined): string | null {
  const text = element?.textContent?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}
