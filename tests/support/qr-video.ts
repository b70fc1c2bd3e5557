import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';

/**
 * A Y4M clip (the raw format Chromium's fake camera plays) showing the QR code of `text`, black
 * modules on white, with the quiet zone the standard asks for; returns its path, to pass as
 * `--use-file-for-fake-video-capture=<path>`. RECIPES: "QR codes through a fake camera".
 */
export function qrVideo(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const width = 640;
  const height = 480;
  const scale = Math.floor(440 / (modules.size + 8));
  const left = Math.floor((width - modules.size * scale) / 2);
  const top = Math.floor((height - modules.size * scale) / 2);
  const luma = Buffer.alloc(width * height, 255);
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (!modules.get(row, column)) continue;
      for (let y = 0; y < scale; y++) {
        const start = (top + row * scale + y) * width + left + column * scale;
        luma.fill(0, start, start + scale);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A0:0 C420jpeg\n`);
  const path = join(mkdtempSync(join(tmpdir(), 'carnet-qr-')), 'qr.y4m');
  writeFileSync(path, Buffer.concat([header, frame, frame, frame, frame, frame]));
  return path;
}
