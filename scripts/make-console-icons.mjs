// The console's app icons (console/public/icons/*.png), drawn here without an image library: `node scripts/make-console-icons.mjs`.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
function png(size) {
  const rows = [];
  const u = size / 16;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      let [r, g, b] = [0x1f, 0x4f, 0xd1];
      const X = x / u, Y = y / u;
      // a white ticket with a notch on each side, and a green check mark on it
      const inTicket = X >= 3 && X < 13 && Y >= 4.5 && Y < 11.5 && !(Math.hypot(X - 3, Y - 8) < 1.2) && !(Math.hypot(X - 13, Y - 8) < 1.2);
      if (inTicket) [r, g, b] = [255, 255, 255];
      const d1 = Math.abs((Y - 8.6) - (X - 6)) / Math.SQRT2, d2 = Math.abs((Y - 8.6) + (X - 6)) / Math.SQRT2;
      const check = (X >= 5 && X <= 6.9 && d1 < 0.55) || (X >= 6 && X <= 10.5 && d2 < 0.55 && Y > 5.5);
      if (inTicket && check) [r, g, b] = [0x1d, 0x6b, 0x35];
      row[1 + x * 3] = r; row[2 + x * 3] = g; row[3 + x * 3] = b;
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
for (const s of [192, 512]) writeFileSync(`console/public/icons/icon-${s}.png`, png(s));
