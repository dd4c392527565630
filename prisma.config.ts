import { defineConfig } from 'prisma/config';

// `prisma migrate deploy` reads the URL from here; our own runner (src/database/migration-runner.ts)
// applies the same files without the CLI's native schema engine.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
