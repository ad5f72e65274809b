import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'turso',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  strict: true,
  dbCredentials: { url: 'file:data/drizzle-kit.db' },
});
