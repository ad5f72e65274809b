/// <reference path="./ttf-modules.d.ts" />
import bold from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf';
import regular from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf';
import type { PdfFontFiles } from './files.js';

/**
 * DejaVu Sans bundled with the Worker: wrangler.toml's Data rule makes each .ttf a module of
 * its own whose default export is the file's bytes (workerd has no file system to read).
 * Only pdf-kit.ts imports this, through a dynamic import, so the fonts are not parsed at start-up.
 */
export function loadPdfFonts(): Promise<PdfFontFiles> {
  return Promise.resolve({ regular: new Uint8Array(regular), bold: new Uint8Array(bold) });
}
