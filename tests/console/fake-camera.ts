import { writeFileSync } from 'node:fs';
import { encode } from 'uqr';

/**
 * A video for Chromium's fake camera (`--use-file-for-fake-video-capture`): Y4M, the raw YUV
 * 4:2:0 format (a header line, then per frame `FRAME` and the Y, U and V planes). It shows a QR
 * code of `payload`, big and centred on white with its quiet zone, for `shownSeconds`, then a
 * blank picture for `blankSeconds` (a ticket taken away), and Chromium plays it in a loop.
 */
export function writeQrVideo(path: string, payload: string, options: { shownSeconds?: number; blankSeconds?: number } = {}) {
  const width = 640;
  const height = 480;
  const fps = 5;
  const qr = encode(payload, { ecc: 'M', border: 4 });
  const module = Math.floor((height * 0.9) / qr.size);
  const left = Math.floor((width - qr.size * module) / 2);
  const top = Math.floor((height - qr.size * module) / 2);
  const luma = (withCode: boolean) => {
    const y = Buffer.alloc(width * height, 235);
    if (!withCode) return y;
    for (let row = 0; row < qr.size; row++)
      for (let col = 0; col < qr.size; col++) {
        if (!qr.data[row]![col]) continue;
        for (let dy = 0; dy < module; dy++) y.fill(16, (top + row * module + dy) * width + left + col * module, (top + row * module + dy) * width + left + (col + 1) * module);
      }
    return y;
  };
  // Grey: no colour in the picture, only luma.
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = (y: Buffer) => Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  const shown = frame(luma(true));
  const blank = frame(luma(false));
  const frames = [...Array<Buffer>(Math.round((options.shownSeconds ?? 2) * fps)).fill(shown), ...Array<Buffer>(Math.round((options.blankSeconds ?? 3) * fps)).fill(blank)];
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`), ...frames]));
}
