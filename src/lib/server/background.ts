/**
 * Work that must not delay, nor be timed through, the answer, used where the work differs with
 * a secret, such as whether an address is registered (issue 12, item 8). Under server/serve.ts
 * it runs once the response has gone out (see installAfterAnswer in http-guard.ts); elsewhere
 * (astro dev, tests) on the next turn of the event loop. A failure is logged: the answer has
 * gone already.
 */
export function afterAnswer(task: () => Promise<void>): void {
  const run = (): void => {
    task().catch((error: unknown) => console.error('work after the answer failed:', error));
  };
  const hook = (globalThis as Record<symbol, unknown>)[Symbol.for('oic.afterAnswer')] as ((task: () => void) => boolean) | undefined;
  if (!hook?.(run)) setTimeout(run, 0);
}
