import { png } from '../email/qr-png.js';

/**
 * The images every Apple pass must carry (icon.png, shown on the lock screen and in
 * notifications) and its logo, drawn here rather than shipped as files: a ticket stub with a
 * notch on each side, in the shop's colour, transparent around it. 1x, 2x and 3x sizes.
 */

type Rgb = readonly [number, number, number];

const NEUTRAL: Rgb = [0x22, 0x22, 0x22];

export function rgbOf(hex: string | null): Rgb {
  if (!hex || !/^#[0-9a-fA-F]{6}$/.test(hex)) return NEUTRAL;
  return [Number.parseInt(hex.slice(1, 3), 16), Number.parseInt(hex.slice(3, 5), 16), Number.parseInt(hex.slice(5, 7), 16)];
}

/** A ticket stub of `width` × `height`, its notches a quarter of its height across. */
async function stub(width: number, height: number, colour: Rgb): Promise<Uint8Array> {
  const rowBytes = width * 4 + 1;
  const raw = new Uint8Array(rowBytes * height);
  const margin = Math.max(1, Math.round(height * 0.12));
  const notch = height / 8;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = y >= margin && y < height - margin;
      const inNotch = x ** 2 + (y - cy) ** 2 < notch ** 2 || (x - (width - 1)) ** 2 + (y - cy) ** 2 < notch ** 2;
      if (!inside || inNotch) continue;
      const at = y * rowBytes + 1 + x * 4;
      raw.set([colour[0], colour[1], colour[2], 255], at);
    }
  }
  return png(width, height, { bitDepth: 8, colourType: 6 }, raw);
}

// Drawn once per colour: every pass of a shop has the same images.
const drawn = new Map<string, Promise<Record<string, Uint8Array>>>();

/**
 * icon.png, icon@2x.png, icon@3x.png, logo.png, logo@2x.png (Apple's sizes: icon 29 pt, logo at
 * most 160 × 50 pt). The icon is in the shop's colour (it shows on the lock screen); the logo
 * sits on the pass, whose background is that colour, so it is white there.
 */
export function passImages(brandColor: string | null): Promise<Record<string, Uint8Array>> {
  const colour = rgbOf(brandColor);
  const logoColour: Rgb = colour === NEUTRAL ? NEUTRAL : [255, 255, 255];
  const key = colour.join(',');
  let images = drawn.get(key);
  if (!images) {
    images = (async () => {
      const [icon, icon2, icon3, logo, logo2] = await Promise.all([stub(29, 29, colour), stub(58, 58, colour), stub(87, 87, colour), stub(50, 50, logoColour), stub(100, 100, logoColour)]);
      return { 'icon.png': icon, 'icon@2x.png': icon2, 'icon@3x.png': icon3, 'logo.png': logo, 'logo@2x.png': logo2 };
    })();
    drawn.set(key, images);
  }
  return images;
}
