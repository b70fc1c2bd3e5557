/**
 * The emergency card as a phone's lock-screen wallpaper: a portrait PNG, white on black for
 * contrast, the card's first lines in large type and its QR code below them. The top is left
 * empty for the clock the phone draws there, the bottom for its buttons.
 */
import { paintQr, qrSide, qrSymbol } from './qr-code';

const WIDTH = 1080;
const HEIGHT = 1920;
/** Where phones draw the clock and date (iOS and Android both keep roughly this band). */
const CLOCK_BAND = 560;
const BOTTOM_BAND = 150;
const QR_MAX = 700;
const MARGIN = 48;
const TITLE_SIZE = 46;
const LINE_SIZE = 44;
const LINE_HEIGHT = 56;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** `text` broken into lines no wider than `width`, breaking inside a word only if it must. */
function wrap(context: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (context.measureText(candidate).width <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    for (const char of Array.from(word)) {
      if (context.measureText(line + char).width > width && line) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The PNG of the lock-screen image for a card's text (its first line is the title). */
export async function lockScreenImage(cardText: string): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#000000';
  context.fillRect(0, 0, WIDTH, HEIGHT);

  const symbol = qrSymbol(cardText);
  const scale = Math.floor(QR_MAX / qrSide(symbol));
  const qrSize = qrSide(symbol) * scale;
  const qrTop = HEIGHT - BOTTOM_BAND - qrSize;
  paintQr(context, symbol, (WIDTH - qrSize) / 2, qrTop, scale);

  const [title = '', ...rest] = cardText.split('\n');
  // A red band people know means "emergency", then the lines that fit above the code.
  context.fillStyle = '#b00020';
  context.fillRect(0, CLOCK_BAND, WIDTH, TITLE_SIZE + 40);
  context.fillStyle = '#ffffff';
  context.textBaseline = 'top';
  context.textAlign = 'center';
  context.font = `700 ${TITLE_SIZE}px ${FONT}`;
  context.fillText(title, WIDTH / 2, CLOCK_BAND + 20, WIDTH - 2 * MARGIN);

  context.textAlign = 'left';
  context.font = `600 ${LINE_SIZE}px ${FONT}`;
  const top = CLOCK_BAND + TITLE_SIZE + 40 + 28;
  const room = Math.floor((qrTop - 24 - top) / LINE_HEIGHT);
  // The last line ("updated on") is left to the code: the lines above it matter more.
  const lines = rest.slice(0, -1).flatMap((line) => wrap(context, line, WIDTH - 2 * MARGIN));
  const shown = lines.slice(0, room);
  if (lines.length > room && shown.length > 0) shown[shown.length - 1] = '…';
  shown.forEach((line, i) => context.fillText(line, MARGIN, top + i * LINE_HEIGHT));

  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
  );
}
