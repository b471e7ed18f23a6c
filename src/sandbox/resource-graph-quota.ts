/**
 * Resource Graph's own quota: "a user can send at most 15 queries within every 5-second window"
 * (Learn, "Guidance for throttled requests in Azure Resource Graph",
 * https://learn.microsoft.com/azure/governance/resource-graph/concepts/guidance-for-throttled-requests),
 * told in every answer as `x-ms-user-quota-remaining` and `x-ms-user-quota-resets-after` (hh:mm:ss).
 */
export interface ResourceGraphQuota {
  /** Counts one query of `principal`: the headers to send, and whether the query is refused. */
  take(principal: string): { allowed: boolean; headers: Record<string, string> };
}

export interface ResourceGraphQuotaOptions {
  queries?: number;
  windowMs?: number;
  now?: () => number;
}

/** `hh:mm:ss`, rounded up to the second (Learn's example: `00:00:03`). */
export function formatQuotaReset(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

/** A window per principal that opens with its first query; a refused query does not count. */
export function createResourceGraphQuota(options: ResourceGraphQuotaOptions = {}): ResourceGraphQuota {
  const limit = options.queries ?? 15;
  const windowMs = options.windowMs ?? 5000;
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; used: number }>();
  return {
    take(principal) {
      const t = now();
      let window = windows.get(principal);
      if (!window || t - window.start >= windowMs) {
        window = { start: t, used: 0 };
        windows.set(principal, window);
      }
      const allowed = window.used < limit;
      if (allowed) window.used += 1;
      return {
        allowed,
        headers: {
          'x-ms-user-quota-remaining': String(limit - window.used),
          'x-ms-user-quota-resets-after': formatQuotaReset(window.start + windowMs - t),
        },
      };
    },
  };
}
