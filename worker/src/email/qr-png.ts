import { encode } from 'uqr';

/**
 * A QR code as a PNG image, for e-mail: mail clients show PNG everywhere, SVG hardly
 * anywhere. One bit per pixel, compressed with the platform's CompressionStream, so the
 * same code runs on Node and in workerd; a ticket's code is about 1 KB.
 */
export async function qrPng(text: string, pixelsPerModule = 6): Promise<Uint8Array> {
  const { data } = encode(text, { ecc: 'M', border: 4 });
  const modules = data.length;
  const width = modules * pixelsPerModule;
  const rowBytes = Math.ceil(width / 8);
  const raw = new Uint8Array((rowBytes + 1) * width);
  for (let y = 0; y < width; y++) {
    const row = data[Math.floor(y / pixelsPerModule)]!;
    const offset = y * (rowBytes + 1); // the filter byte (0: none) comes first
    for (let x = 0; x < width; x++) {
      // Grey level 1 is white; a dark module leaves its bit at 0.
      if (!row[Math.floor(x / pixelsPerModule)]) raw[offset + 1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return png(width, width, { bitDepth: 1, colourType: 0 }, raw); // bit depth 1, greyscale
}

/**
 * A PNG file of filtered scanlines (each row starts with its filter byte), deflated with the
 * platform's CompressionStream. colourType 0: greyscale, 6: RGBA (wallet pass images).
 */
export async function png(width: number, height: number, format: { bitDepth: number; colourType: 0 | 6 }, raw: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([format.bitDepth, format.colourType, 0, 0, 0], 8); // deflate, adaptive filtering, no interlace
  return concat([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', await deflate(raw)), chunk('IEND', new Uint8Array(0))]);
}

async function deflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  // "deflate" is the zlib format PNG requires (RFC 1950), not raw deflate.
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
