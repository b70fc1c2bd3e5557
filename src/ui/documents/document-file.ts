/**
 * What the documents screens need to know about an attached file and a list of documents. Pure
 * functions, so they are tested without a browser.
 */

/** How the viewer shows a file: drawn by pdf.js, as an image, or only offered for download. */
export type Preview = 'pdf' | 'image' | 'none';

/**
 * Image types a browser's <img> shows. HEIC (iPhone photos) is left out: only Safari decodes it,
 * elsewhere the patient downloads it.
 */
const IMAGE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/svg+xml',
]);

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|avif|bmp|svg)$/i;

/**
 * The type is what the browser said when the file was added; the name's extension stands in for
 * files it did not recognise (some phones send PDFs as application/octet-stream).
 */
export function previewOf(mime: string | undefined, name: string | undefined): Preview {
  const type = (mime ?? '').toLowerCase();
  const fileName = name ?? '';
  if (type === 'application/pdf' || /\.pdf$/i.test(fileName)) return 'pdf';
  if (IMAGE_TYPES.has(type)) return 'image';
  if ((type === '' || type === 'application/octet-stream') && IMAGE_EXTENSIONS.test(fileName)) {
    return 'image';
  }
  return 'none';
}

/** The title a new document starts with: its file's name without the extension. */
export function titleFromFileName(name: string): string {
  const title = name.replace(/\.[^.\s]{1,8}$/, '').trim();
  return title === '' ? name.trim() : title;
}

/** The years documents are dated in, newest first, each once: the choices of the year filter. */
export function documentYears(documents: readonly { date?: unknown }[]): number[] {
  const years = new Set<number>();
  for (const { date } of documents) {
    const match = typeof date === 'string' ? /^(\d{4})-/.exec(date) : null;
    if (match) years.add(Number(match[1]));
  }
  return [...years].sort((a, b) => b - a);
}

/** The year filter's value as a year; empty (or anything else) means every year. */
export function parseYear(value: string): number | undefined {
  return /^\d{4}$/.test(value) ? Number(value) : undefined;
}
