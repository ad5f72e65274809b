/**
 * The fonts of every PDF (tickets, invoices): DejaVu Sans and DejaVu Sans Bold, which cover
 * Latin with all its accents, Greek and Cyrillic, so French, German and Italian texts and any
 * buyer's name print as typed. pdfkit embeds only the glyphs a document uses.
 *
 * Where the bytes come from depends on the runtime: package.json's `#pdf-fonts` import picks
 * node.ts (read from node_modules) or workerd.ts (bundled as data modules).
 */
export interface PdfFontFiles {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** The names the PDF renderers use with doc.font(). */
export const pdfFont = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;
