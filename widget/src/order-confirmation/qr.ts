import { svg, type SVGTemplateResult } from 'lit';
import { encode } from 'uqr';

/**
 * A QR code as an SVG path: one rectangle per horizontal run of dark modules. Built as a
 * Lit svg template (attribute bindings only), so it needs no innerHTML and passes Trusted Types.
 */
export function qrCode(text: string, label: string): SVGTemplateResult {
  const { size, data } = encode(text, { ecc: 'M', border: 2 });
  let d = '';
  data.forEach((row, y) => {
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      const start = x;
      while (x + 1 < size && row[x + 1]) x++;
      d += `M${start} ${y}h${x - start + 1}v1h${start - x - 1}z`;
    }
  });
  return svg`<svg class="qr" part="qr" viewBox="0 0 ${size} ${size}" role="img" aria-label=${label} shape-rendering="crispEdges">
    <rect width=${size} height=${size} fill="#fff"></rect>
    <path d=${d} fill="#000"></path>
  </svg>`;
}
