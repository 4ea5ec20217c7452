/**
 * Work that must not delay, nor be timed through, the answer: it runs once the current request
 * has been handled, and a failure is logged (the answer has gone already). Used where the work
 * differs with a secret, such as whether an address is registered (issue 12, item 8).
 */
export function afterAnswer(task: () => Promise<void>): void {
  setImmediate(() => {
    task().catch((error: unknown) => console.error('work after the answer failed:', error));
  });
}
