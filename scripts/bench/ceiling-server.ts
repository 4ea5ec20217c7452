import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { users } from '#db/schema.ts';
import { submitApplication } from '#lib/server/applications.ts';
import type { CourseOffering } from '#lib/course-rules.ts';
import { createTestDatabase } from '#support/database.ts';

/**
 * The ceiling for the load section's application submit: a bare node:http server that reads the
 * form body and performs the same application INSERT (submitApplication: one write batch with its
 * audit row) through @libsql/client on a fresh database file, one new applicant per request.
 * Started as its own process: argv[2] = port, argv[3] = course JSON, argv[4] = applicants to make.
 */
const port = Number(process.argv[2]);
const raw = JSON.parse(process.argv[3]!) as Record<string, string | number | undefined>;
const course = {
  ...raw,
  start: new Date(String(raw.start)),
  end: new Date(String(raw.end)),
  applicationsOpen: new Date(String(raw.applicationsOpen)),
  applicationDeadline: new Date(String(raw.applicationDeadline)),
} as unknown as CourseOffering;
const count = Number(process.argv[4]);
const database = await createTestDatabase();
const ids: string[] = [];
for (let start = 0; start < count; start += 500) {
  const batch = Array.from({ length: Math.min(500, count - start) }, () => {
    const id = randomUUID();
    return { id, email: `ceiling-${id}@example.org`, fullName: 'Ceiling applicant', role: 'participant' as const, country: 'KW', preferredLanguage: 'en' as const, emailVerified: true };
  });
  await database.db.insert(users).values(batch);
  ids.push(...batch.map((user) => user.id));
}
let next = 0;
const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', async () => {
    try {
      const motivation = new URLSearchParams(body).get('motivation') ?? '';
      const id = ids[next++ % ids.length]!;
      const result = await submitApplication(database.client, { applicant: { id, role: 'participant', country: 'KW' }, course, motivation });
      res.writeHead(result.ok ? 303 : 409, { location: '/en/account/?sent=1' }).end();
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
});
server.listen(port, '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => {
  server.close();
  database.cleanup();
  process.exit(0);
});
