/// <reference path="./pdfkit-modules.d.ts" />
import * as pdfkit from 'pdfkit';
import Helvetica from 'pdfkit/standard-fonts/Helvetica';
import HelveticaBold from 'pdfkit/standard-fonts/HelveticaBold';

/**
 * pdfkit, its fonts and the Swiss QR-bill: loaded only through a dynamic import from
 * invoice-pdf.ts. Evaluating them unpacks fontkit's data (tens of milliseconds of CPU), which
 * no request but a PDF needs, so a Worker isolate must not pay for it at start-up.
 */
export { default as PDFDocument } from 'pdfkit';
export { toBytes } from 'pdfkit/output';
export { SwissQRBill } from 'swissqrbill/pdf';

// The browser build of pdfkit (the one workerd gets) has no file system: its standard fonts
// are registered from modules. The Node build reads them from disk and has no such function.
const registerStdFonts = (pdfkit as unknown as { registerStdFonts?: (...fonts: unknown[]) => void }).registerStdFonts;
registerStdFonts?.(Helvetica, HelveticaBold);
