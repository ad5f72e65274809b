/// <reference path="./pdfkit-modules.d.ts" />
import { loadPdfFonts } from '#pdf-fonts';
import * as pdfkit from 'pdfkit';
import PDFDocument from 'pdfkit';
import Helvetica from 'pdfkit/standard-fonts/Helvetica';
import HelveticaBold from 'pdfkit/standard-fonts/HelveticaBold';
import { pdfFont } from './pdf-fonts/files.js';

/**
 * pdfkit, its fonts and the Swiss QR-bill: loaded only through a dynamic import from the PDF
 * renderers (invoice-pdf.ts, documents/ticket-pdf.ts). Evaluating them unpacks fontkit's data
 * (tens of milliseconds of CPU), which no request but a PDF needs, so a Worker isolate must not
 * pay for it at start-up.
 */
export { PDFDocument };
export { toBytes } from 'pdfkit/output';
export { SwissQRBill } from 'swissqrbill/pdf';

// The browser build of pdfkit (the one workerd gets) has no file system: its standard fonts
// are registered from modules. The Node build reads them from disk and has no such function.
// Only the QR-bill's payment part still uses Helvetica (swissqrbill draws it with it; its
// characters are the Swiss payment standards' Latin set, which WinAnsi covers).
const registerStdFonts = (pdfkit as unknown as { registerStdFonts?: (...fonts: unknown[]) => void }).registerStdFonts;
registerStdFonts?.(Helvetica, HelveticaBold);

/**
 * A new document with DejaVu Sans registered as pdfFont.regular and pdfFont.bold and selected:
 * every text a buyer or organizer typed prints in any Latin, Greek or Cyrillic script.
 */
export async function newPdfDocument(options: PDFKit.PDFDocumentOptions): Promise<PDFKit.PDFDocument> {
  const fonts = await loadPdfFonts();
  const doc = new PDFDocument(options);
  // pdfkit wants a Buffer-like value; a Uint8Array view is what both builds read.
  doc.registerFont(pdfFont.regular, fonts.regular as unknown as Buffer);
  doc.registerFont(pdfFont.bold, fonts.bold as unknown as Buffer);
  return doc.font(pdfFont.regular);
}
