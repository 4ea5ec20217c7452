import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '#lib/server/database.ts';
import { moveApplication, submitApplication, type Actor } from '#lib/server/applications.ts';
import type { CourseOffering } from '#lib/course-rules.ts';

/**
 * One "server process" of the concurrency test: its own thread, event loop and database client
 * on the shared file. It fires all of its requests at once and reports what each got back.
 */
interface Job {
  url: string;
  course: Omit<CourseOffering, 'start' | 'end' | 'applicationsOpen' | 'applicationDeadline'> & Record<'start' | 'end' | 'applicationsOpen' | 'applicationDeadline', string>;
  now: string;
  submit?: Actor[];
  accept?: { staff: Actor; applicationIds: number[] };
}

const job = workerData as Job;
const course: CourseOffering = {
  ...job.course,
  start: new Date(job.course.start),
  end: new Date(job.course.end),
  applicationsOpen: new Date(job.course.applicationsOpen),
  applicationDeadline: new Date(job.course.applicationDeadline),
};
const now = new Date(job.now);
const { client } = await openDatabase({ url: job.url });
const outcomes = await Promise.all([
  ...(job.submit ?? []).map((applicant) => submitApplication(client, { applicant, course, motivation: 'concurrent', now })),
  ...(job.accept?.applicationIds ?? []).map((applicationId) =>
    moveApplication(client, { actor: job.accept!.staff, applicationId, to: 'accepted', course, now }),
  ),
]);
client.close();
parentPort?.postMessage(outcomes.map((outcome) => (outcome.ok ? `ok:${outcome.value.id}` : outcome.refusal)));
