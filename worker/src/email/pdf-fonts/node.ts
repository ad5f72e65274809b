import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PdfFontFiles } from './files.js';

/**
 * DejaVu Sans read from the installed dejavu-fonts-ttf package (Node: npm start, the tests).
 * Read once per process; the server bundle keeps packages external, so the files stay on disk.
 */
let files: Promise<PdfFontFiles> | undefined;

export function loadPdfFonts(): Promise<PdfFontFiles> {
  files ??= (async () => {
    const require = createRequire(import.meta.url);
    const read = (name: string) => readFile(require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
    const [regular, bold] = await Promise.all([read('DejaVuSans.ttf'), read('DejaVuSans-Bold.ttf')]);
    return { regular, bold };
  })();
  return files;
}
