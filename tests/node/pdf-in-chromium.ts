import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** One page of a PDF as Chromium drew it with pdfjs: its size in points, its text, and the QR code jsQR read from the pixels. */
export interface RenderedPdfPage {
  width: number;
  height: number;
  text: string;
  qr: string | null;
  /** The QR code's width on the page in points (from the corners jsQR found), null without a code. */
  qrWidth: number | null;
  /** The page's pixels as a PNG data URL (for a person looking at a failure). */
  png: string;
}

export interface PdfViewer {
  /** Draws every page at `scale` (2: 144 dpi) on a canvas and decodes the QR code found on it. */
  render(pdf: Uint8Array, scale?: number): Promise<RenderedPdfPage[]>;
  stop(): Promise<void>;
}

const root = path.join(import.meta.dirname, '../..');
const files: Record<string, [string, string]> = {
  '/pdf.mjs': ['node_modules/pdfjs-dist/build/pdf.mjs', 'text/javascript'],
  '/pdf.worker.mjs': ['node_modules/pdfjs-dist/build/pdf.worker.mjs', 'text/javascript'],
  '/jsQR.js': ['node_modules/jsqr/dist/jsQR.js', 'text/javascript'],
};
const page = `<!doctype html><meta charset="utf-8"><script src="/jsQR.js"></script>
<script type="module">
import * as pdfjs from '/pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
window.renderPdf = async (url, scale) => {
  const doc = await pdfjs.getDocument({ url, disableFontFace: false }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const p = await doc.getPage(n);
    const viewport = p.getViewport({ scale });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(viewport.width);
    canvas.height = Math.ceil(viewport.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.fillStyle = 'white';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await p.render({ canvasContext: context, viewport }).promise;
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
    const code = window.jsQR(pixels.data, canvas.width, canvas.height, { inversionAttempts: 'dontInvert' });
    const content = await p.getTextContent();
    const [x0, y0, x1, y1] = p.view;
    pages.push({ width: x1 - x0, height: y1 - y0, text: content.items.map((i) => i.str).filter((s) => s.trim()).join('\\n'), qr: code ? code.data : null, qrWidth: code ? Math.hypot(code.location.topRightCorner.x - code.location.topLeftCorner.x, code.location.topRightCorner.y - code.location.topLeftCorner.y) / scale : null, png: canvas.toDataURL('image/png') });
  }
  await doc.destroy();
  return pages;
};
window.ready = true;
</script>`;

/**
 * A real Chromium that renders PDFs with pdfjs (Firefox's reader, served from pdfjs-dist) and
 * reads their QR codes with jsQR: a decoder independent of the encoder that drew them.
 */
export async function startPdfViewer(): Promise<PdfViewer> {
  const pdfs = new Map<string, Uint8Array>();
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const file = files[url];
    if (url === '/') res.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
    else if (file) res.writeHead(200, { 'Content-Type': file[1] }).end(readFileSync(path.join(root, file[0])));
    else if (pdfs.has(url)) res.writeHead(200, { 'Content-Type': 'application/pdf' }).end(pdfs.get(url));
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const tab: Page = await browser.newPage();
  await tab.goto(`${base}/`);
  await tab.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  let count = 0;
  return {
    async render(pdf, scale = 2) {
      const name = `/doc-${++count}.pdf`;
      pdfs.set(name, pdf);
      try {
        return await tab.evaluate(([url, s]) => (window as unknown as { renderPdf: (u: string, s: number) => Promise<RenderedPdfPage[]> }).renderPdf(url, s), [name, scale] as const);
      } finally {
        pdfs.delete(name);
      }
    },
    async stop() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
