import { z } from 'astro/zod';
import { defaultDatabaseUrl } from '#lib/server/database.ts';

/** The environment the command-line tools read, checked before anything runs. */
const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:|wss?:)/, 'must start with file:, libsql:, http(s): or ws(s):')
    .default(defaultDatabaseUrl),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
});

export type ScriptEnv = z.infer<typeof schema>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): ScriptEnv {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  console.error(`The environment is not right:\n${lines.join('\n')}`);
  process.exit(1);
}
