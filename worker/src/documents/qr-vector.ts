import { encode } from 'uqr';

/**
 * A QR code as the dark rectangles to fill, in modules (one unit = one module, no quiet zone):
 * each row's runs of dark modules merged into one rectangle, so a PDF draws a ticket's code
 * with a few hundred path operations and prints it crisp at any size.
 */
export function qrRuns(text: string): { size: number; runs: { x: number; y: number; width: number }[] } {
  const { data, size } = encode(text, { ecc: 'M', border: 0 });
  const runs: { x: number; y: number; width: number }[] = [];
  data.forEach((row, y) => {
    let start = -1;
    for (let x = 0; x <= size; x++) {
      const dark = x < size && row[x];
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        runs.push({ x: start, y, width: x - start });
        start = -1;
      }
    }
  });
  return { size, runs };
}
