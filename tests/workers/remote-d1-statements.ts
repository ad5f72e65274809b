/**
 * How remote D1 cuts the SQL that `wrangler d1 migrations apply --remote` sends it: wrangler
 * posts each migration file whole (plus its own `INSERT INTO d1_migrations`) as one `sql` string
 * to D1's /query endpoint, and D1 splits it into statements on its side. That splitter is not
 * public; what is known (workers-sdk issues #4326 and #4727) is that it treats a trigger body as
 * running from BEGIN to the first END, so a `CASE … END` inside a trigger ends it early and
 * SQLite answers "incomplete input". This follows the rule of wrangler's own splitter when
 * those issues were filed (a compound statement opens at BEGIN only and closes at the next END),
 * the strictest reading: a migration that survives it survives the remote path.
 */
export function remoteD1Statements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inBody = false;
  for (let i = 0; i < sql.length; i++) {
    const char = sql[i]!;
    if (char === "'" || char === '"' || char === '`') {
      const end = sql.indexOf(char, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      current += sql.slice(i, stop);
      i = stop - 1;
      continue;
    }
    if (char === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      current += '\n';
      continue;
    }
    if (char === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 1;
      continue;
    }
    if (inBody && /\sEND[;\s]$/i.test(current + char)) inBody = false;
    if (char === ';' && !inBody) {
      statements.push(current);
      current = '';
      continue;
    }
    current += char;
    if (!inBody && /\sBEGIN\s$/i.test(current)) inBody = true;
  }
  statements.push(current);
  return statements.map((s) => s.trim()).filter((s) => s.length > 0);
}
