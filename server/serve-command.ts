import { readFileSync } from 'node:fs';

/**
 * The arguments `npm run serve` gives node (its V8 flags, then server/serve.ts), read from
 * package.json so that tests, benchmarks and drills start the server exactly as operators do.
 */
export function serveArguments(): string[] {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = manifest.scripts.serve!.split(/\s+/);
  if (command !== 'node' || args.at(-1) !== 'server/serve.ts') throw new Error('package.json "serve" must be `node [flags] server/serve.ts`');
  return args;
}
