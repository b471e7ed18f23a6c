import type { Server } from 'restify';

/** Counts the turns a server is processing, so that shutdown can wait for them. */
export interface InFlight {
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly count: number;
  /** Resolves when no turn is in flight, or after `timeoutMs` (then with false). */
  idle(timeoutMs: number): Promise<boolean>;
}

const trackers = new WeakMap<Server, InFlight>();

/** The in-flight counter of `server` (created on first use). */
export function trackInFlight(server: Server): InFlight {
  const existing = trackers.get(server);
  if (existing) return existing;
  let count = 0;
  let waiters: (() => void)[] = [];
  const tracker: InFlight = {
    get count() {
      return count;
    },
    async run(work) {
      count += 1;
      try {
        return await work();
      } finally {
        count -= 1;
        if (count === 0) {
          const done = waiters;
          waiters = [];
          for (const w of done) w();
        }
      }
    },
    idle(timeoutMs) {
      if (count === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
  trackers.set(server, tracker);
  return tracker;
}

/**
 * Graceful stop: stops accepting connections at once, waits up to `drainMs` for
 * the turns in flight, then closes the connections that are left.
 */
export async function stopServer(server: Server, drainMs: number): Promise<{ drained: boolean }> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.server.closeIdleConnections?.();
  const drained = await trackInFlight(server).idle(drainMs);
  // Keep-alive sockets would hold close() open; in-flight answers are sent by now (or we gave up on them).
  server.server.closeIdleConnections?.();
  const grace = setTimeout(() => server.server.closeAllConnections?.(), drained ? 200 : 0);
  await closed;
  clearTimeout(grace);
  return { drained };
}
