/**
 * The emergency card's QR code, drawn by us from the encoder's modules: crisp at any size (whole
 * pixels per module on a canvas, a vector path for print), and with no inline style, which the
 * app's Content-Security-Policy forbids.
 */
import QRCode from 'qrcode';

/** Modules of light margin on each side: the quiet zone ISO/IEC 18004 asks for. */
export const QUIET_ZONE = 4;

export type QrSymbol = { size: number; isDark: (row: number, column: number) => boolean };

/** The symbol for `text` at error correction M (DESIGN §4: survives a worn card). */
export function qrSymbol(text: string): QrSymbol {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, isDark: (row, column) => modules.get(row, column) === 1 };
}

/** The symbol with its quiet zone, as one SVG path over a square of `size + 2 × QUIET_ZONE`. */
export function qrPath(symbol: QrSymbol): string {
  const parts: string[] = [];
  for (let row = 0; row < symbol.size; row++) {
    for (let column = 0; column < symbol.size; column++) {
      if (symbol.isDark(row, column)) {
        parts.push(`M${column + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
      }
    }
  }
  return parts.join('');
}

/** Paints the symbol, quiet zone included, in black on white, `scale` pixels per module. */
export function paintQr(
  context: CanvasRenderingContext2D,
  symbol: QrSymbol,
  left: number,
  top: number,
  scale: number,
): void {
  const side = (symbol.size + 2 * QUIET_ZONE) * scale;
  context.fillStyle = '#ffffff';
  context.fillRect(left, top, side, side);
  context.fillStyle = '#000000';
  for (let row = 0; row < symbol.size; row++) {
    for (let column = 0; column < symbol.size; column++) {
      if (!symbol.isDark(row, column)) continue;
      const x = left + (column + QUIET_ZONE) * scale;
      context.fillRect(x, top + (row + QUIET_ZONE) * scale, scale, scale);
    }
  }
}

/** The side in modules, quiet zone included. */
export const qrSide = (symbol: QrSymbol) => symbol.size + 2 * QUIET_ZONE;
