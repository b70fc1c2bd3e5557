/**
 * PDF rendering with pdf.js, loaded only by the viewer (this module is imported on demand, so
 * pdf.js stays out of the first screen's bundle). Everything pdf.js needs ships with the app and
 * is precached, so documents open offline:
 * - its worker, bundled as a file of our own origin (the CSP allows workers from 'self' only);
 * - the two standard fonts it never takes from the system (Symbol, ZapfDingbats) and the
 *   WebAssembly decoders of scanned pages (JBIG2, JPEG 2000), handed over by BundledData.
 * No eval: `isEvalSupported: false` keeps pdf.js from compiling PDF functions to JavaScript,
 * which the CSP forbids.
 */
import {
  GlobalWorkerOptions,
  RenderingCancelledException,
  getDocument,
  type PDFDocumentProxy,
  type RenderTask,
} from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import dingbatsUrl from 'pdfjs-dist/standard_fonts/FoxitDingbats.pfb?url';
import symbolUrl from 'pdfjs-dist/standard_fonts/FoxitSymbol.pfb?url';
import jbig2Url from 'pdfjs-dist/wasm/jbig2.wasm?url';
import openjpegUrl from 'pdfjs-dist/wasm/openjpeg.wasm?url';

GlobalWorkerOptions.workerSrc = workerUrl;

const BUNDLED: Record<string, string> = {
  'FoxitDingbats.pfb': dingbatsUrl,
  'FoxitSymbol.pfb': symbolUrl,
  'jbig2.wasm': jbig2Url,
  'openjpeg.wasm': openjpegUrl,
};

/**
 * pdf.js's BinaryDataFactory: the files it asks for by name, from the app's own hashed assets
 * (its default factory wants them all under one base URL). Files not shipped — the CJK CMaps —
 * are refused, and pdf.js does without them.
 */
class BundledData {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url = Object.hasOwn(BUNDLED, filename) ? BUNDLED[filename] : undefined;
    if (!url) throw new Error(`pdf.js asked for ${kind} ${filename}, which Carnet does not ship`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${filename}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

export type { PDFDocumentProxy };

/** Opens a PDF from its bytes (which pdf.js takes over). Rejects for a file pdf.js cannot read. */
export function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({
    data: bytes,
    isEvalSupported: false,
    BinaryDataFactory: BundledData,
    useWorkerFetch: false,
  }).promise;
}

/** pdf.js's error for a password-protected PDF (not exported by name). */
export function isPasswordError(error: unknown): boolean {
  return error instanceof Error && error.name === 'PasswordException';
}

/** Most browsers refuse canvases much over 16 megapixels (iOS Safari first). */
const MAX_CANVAS_PIXELS = 16_777_216;

/**
 * Draws pages on one canvas. A new drawing cancels the one under way, and starts once it has
 * stopped: pdf.js refuses two renders on the same canvas at once.
 */
export class PageRenderer {
  #task: RenderTask | null = null;
  #last: Promise<unknown> = Promise.resolve();
  #generation = 0;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  /**
   * Draws page `number` (from 1) `width` CSS pixels wide, sharp on the device's screen. Returns
   * the page's text, or null if a newer drawing replaced this one.
   */
  draw(pdf: PDFDocumentProxy, number: number, width: number): Promise<string | null> {
    const generation = ++this.#generation;
    this.#task?.cancel();
    const run = this.#last.then(async () => {
      if (generation !== this.#generation) return null;
      const page = await pdf.getPage(number);
      if (generation !== this.#generation) return null;
      const natural = page.getViewport({ scale: 1 });
      const scale = width / natural.width;
      const height = natural.height * scale;
      const ratio = Math.min(
        window.devicePixelRatio || 1,
        Math.sqrt(MAX_CANVAS_PIXELS / (width * height)),
      );
      const viewport = page.getViewport({ scale: scale * ratio });
      this.canvas.width = Math.floor(viewport.width);
      this.canvas.height = Math.floor(viewport.height);
      // CSSOM, not a style attribute: the CSP allows the one, not the other.
      this.canvas.style.width = `${Math.floor(width)}px`;
      this.canvas.style.height = `${Math.floor(height)}px`;
      this.#task = page.render({ canvas: this.canvas, viewport });
      try {
        await this.#task.promise;
      } catch (error) {
        if (error instanceof RenderingCancelledException) return null;
        throw error;
      }
      const content = await page.getTextContent();
      return content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('')
        .trim();
    });
    this.#last = run.catch(() => undefined);
    return run;
  }

  cancel(): void {
    this.#generation++;
    this.#task?.cancel();
  }
}
