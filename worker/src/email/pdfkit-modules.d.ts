// pdfkit 0.20 ships these entry points without types (@types/pdfkit describes the document only).
declare module 'pdfkit/output' {
  export function toBytes(document: PDFKit.PDFDocument): Promise<Uint8Array>;
}
declare module 'pdfkit/standard-fonts/*' {
  const font: unknown;
  export default font;
}
