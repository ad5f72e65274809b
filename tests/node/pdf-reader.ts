import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * A PDF read back by an independent reader (pdfjs, Firefox's): the text of each page as pdfjs
 * extracts it (one line per text run) and each page's size in points. Fonts embedded as
 * Identity-H glyph ids come back as Unicode only if their ToUnicode map is right.
 */
export async function readPdf(pdf: Uint8Array): Promise<{ pages: { text: string; width: number; height: number }[] }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).filter((s) => s.trim() !== '').join('\n');
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    pages.push({ text, width: x1 - x0, height: y1 - y0 });
  }
  await doc.destroy();
  return { pages };
}

/** All the text of a PDF, page after page. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  return (await readPdf(pdf)).pages.map((p) => p.text).join('\n');
}
