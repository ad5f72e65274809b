import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, expectOk, GOOD_CARD, ORIGIN, SHOP, type SeatedPerformance, seatedPerformance, seedDemoShop } from './helpers';

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

/**
 * Every FlateDecode stream of a PDF, inflated with workerd's own DecompressionStream. A stream
 * is exactly its dictionary's /Length bytes: trimming line breaks before `endstream` instead
 * would cut real data whenever the compressed bytes happen to end in 0x0a or 0x0d.
 */
async function inflatedStreams(pdf: Uint8Array): Promise<string[]> {
  const text = latin1(pdf);
  const out: string[] = [];
  for (const match of text.matchAll(/<<([^]*?)>>\s*stream\r?\n/g)) {
    const dictionary = match[1]!;
    const length = /\/Length (\d+)(?!\s+\d+\s+R)/.exec(dictionary);
    if (!dictionary.includes('/FlateDecode') || !length) continue;
    const start = match.index! + match[0].length;
    const compressed = pdf.slice(start, start + Number(length[1]));
    const stream = new Blob([compressed]).stream().pipeThrough(new DecompressionStream('deflate'));
    out.push(latin1(new Uint8Array(await new Response(stream).arrayBuffer())));
  }
  return out;
}

/**
 * The ticket PDF inside workerd: pdfkit's browser build with DejaVu Sans bundled as data
 * modules (wrangler.toml's rule). The buyer's name is drawn with the embedded font, and the
 * font's Unicode map names the letters Latin-1 lacks (Ł U+0141, Ż U+017B, ć U+0107).
 */
describe('tickets as PDF in workerd', () => {
  let theatre: SeatedPerformance;
  beforeAll(async () => {
    const demo = await seedDemoShop();
    theatre = await seatedPerformance(demo.theatrePerformanceIds[0]!);
  });

  it('answers tickets.pdf with the tickets drawn in the embedded DejaVu fonts', async () => {
    const hold = expectOk(await call('POST', `${SHOP}/holds`, { performanceId: theatre.performanceId, seats: theatre.seatIds.slice(0, 2).map((seatId) => ({ seatId })) }), 201);
    const order = expectOk(
      await call('POST', `${SHOP}/holds/${hold.body.id}/checkout`, { buyer: { name: 'Łukasz Żółć', email: 'lukasz@example.pl', language: 'fr' }, payment: { method: 'simulated_card', cardNumber: GOOD_CARD } }),
      201,
    );
    for (const layout of ['a4', 'thermal']) {
      const res = await exports.default.fetch(new Request(`${ORIGIN}${SHOP}/orders/${order.body.number}/tickets.pdf?secret=${order.body.secret}&layout=${layout}`));
      expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200);
      expect(res.headers.get('Content-Type')).toBe('application/pdf');
      expect(res.headers.get('Cache-Control')).toBe('private, no-store');
      const pdf = new Uint8Array(await res.arrayBuffer());
      const raw = latin1(pdf);
      expect(raw.startsWith('%PDF-')).toBe(true);
      expect(raw.match(/\/Type \/Page\b/g)).toHaveLength(2);
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
      expect(raw).toContain('/FontFile2');
      const maps = (await inflatedStreams(pdf)).filter((s) => s.includes('begincmap')).join('\n').toLowerCase();
      for (const codePoint of ['0141', '017b', '0107', '00f3']) expect(maps).toContain(`<${codePoint}>`);
    }
    const wrong = await call('GET', `${SHOP}/orders/${order.body.number}/tickets.pdf?secret=${'a'.repeat(26)}`);
    expect(wrong.status).toBe(404);
  });
});
