import { html, nothing, svg } from 'lit';

export interface ChartPoint {
  /** YYYY-MM-DD. */
  day: string;
  /** Minor units. */
  amount: number;
}

const WIDTH = 800;
const HEIGHT = 240;
const LEFT = 112;
const BOTTOM = 28;
const TOP = 12;

/**
 * Sales over time as SVG bars drawn with Lit's `svg` templates (no chart library). It is an
 * image with a title and a description for screen readers; the table under it is the
 * accessible alternative with every figure. Labels: the highest amount, the first, middle and
 * last day.
 */
export function salesChart(points: readonly ChartPoint[], texts: { title: string; description: string; money: (minor: number) => string; day: (day: string) => string }) {
  if (points.length === 0) return nothing;
  const max = Math.max(0, ...points.map((p) => p.amount));
  const plotWidth = WIDTH - LEFT - 8;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const step = plotWidth / points.length;
  const barWidth = Math.max(1, step * 0.8);
  const y = (amount: number) => (max > 0 ? (Math.max(0, amount) / max) * plotHeight : 0);
  const labelled = [...new Set([0, Math.floor((points.length - 1) / 2), points.length - 1])];
  return html`<figure class="chart">
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" focusable="false">
      ${svg`<title id="chart-title">${texts.title}</title>
      <desc id="chart-desc">${texts.description}</desc>
      <line class="axis" x1=${LEFT} y1=${TOP + plotHeight} x2=${WIDTH - 8} y2=${TOP + plotHeight}></line>
      <line class="grid" x1=${LEFT} y1=${TOP} x2=${WIDTH - 8} y2=${TOP}></line>
      <text class="label" x=${LEFT - 6} y=${TOP + 4} text-anchor="end">${texts.money(max)}</text>
      <text class="label" x=${LEFT - 6} y=${TOP + plotHeight} text-anchor="end">${texts.money(0)}</text>
      ${points.map((p, i) => {
        const h = y(p.amount);
        return svg`<rect class="bar" x=${LEFT + i * step + (step - barWidth) / 2} y=${TOP + plotHeight - h} width=${barWidth} height=${h}><title>${texts.day(p.day)}: ${texts.money(p.amount)}</title></rect>`;
      })}
      ${labelled.map((i) => {
        // The first label starts at the axis and the last ends at the edge, so neither is cut.
        const anchor = i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle';
        const x = anchor === 'start' ? LEFT : anchor === 'end' ? WIDTH - 8 : LEFT + i * step + step / 2;
        return svg`<text class="label" x=${x} y=${HEIGHT - 8} text-anchor=${anchor}>${texts.day(points[i]!.day)}</text>`;
      })}`}
    </svg>
  </figure>`;
}
