/**
 * Every CSV the API serves, answered the same way: UTF-8 with a byte order mark (without it,
 * Excel reads "Théâtre" as "ThÃ©Ã¢tre"), as a download, never cached. The rows come from the
 * one writer, worker/src/domain/csv.ts.
 */
export const csvResponse = (body: string, filename: string) =>
  new Response(`\uFEFF${body}`, {
    status: 200,
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' },
  });
