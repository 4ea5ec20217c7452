import type { Server } from 'node:http';
import { clientKey } from '#lib/server/rate-limits.ts';

/**
 * How many connections the server holds open, and for how long it waits for a request. Node's
 * defaults (no cap, five minutes for a request) let one client hold tens of thousands of
 * half-sent requests until the process ran out of memory. A whole ministry behind one address
 * browses with a few connections per person, well under the per-client cap.
 */
export const connectionLimits = {
  /** Connections one client (an IPv4 address, an IPv6 /64) may hold open at once. */
  perClient: 200,
  /** Connections the process holds open at once; more are closed as they arrive. */
  total: 1000,
  /** Time to receive a request's headers, and the whole request with its body (64 KB at most). */
  headersTimeoutMs: 15_000,
  requestTimeoutMs: 30_000,
  /** How often Node looks for requests past those times. */
  checkEveryMs: 5_000,
} as const;

/** The options of `createServer` that bound the wait for a request. */
export const requestTimeouts = {
  headersTimeout: connectionLimits.headersTimeoutMs,
  requestTimeout: connectionLimits.requestTimeoutMs,
  connectionsCheckingInterval: connectionLimits.checkEveryMs,
};

/** Closes a connection past the process's cap, or past its client's, as soon as it opens. */
export function limitConnections(server: Server, limits: { perClient: number; total: number } = connectionLimits): Server {
  server.maxConnections = limits.total;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const key = clientKey(socket.remoteAddress ?? '');
    const count = (open.get(key) ?? 0) + 1;
    if (count > limits.perClient) {
      socket.destroy();
      return;
    }
    open.set(key, count);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
  return server;
}
