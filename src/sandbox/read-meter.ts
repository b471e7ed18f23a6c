/**
 * ARM's read metering: a token bucket per principal and subscription (and per principal
 * for tenant-level reads), 250 tokens refilled at 25 per second (Learn, "Understand how
 * Azure Resource Manager throttles requests",
 * https://learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling).
 */
export interface ReadMeter {
  /** Takes one read from the bucket `key`: the reads left, or how long to wait for the next one. */
  take(key: string): { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };
}

export interface ReadMeterOptions {
  capacity?: number;
  refillPerSecond?: number;
  /** The clock in ms; tests pass their own. */
  now?: () => number;
}

/** A token bucket per key; a refused read takes no token. */
export function createReadMeter(options: ReadMeterOptions = {}): ReadMeter {
  const capacity = options.capacity ?? 250;
  const rate = options.refillPerSecond ?? 25;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
      bucket.tokens = Math.min(capacity, bucket.tokens + ((t - bucket.at) / 1000) * rate);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, remaining: Math.floor(bucket.tokens) };
      }
      // Retry-After is whole seconds: the time until one token is back, at least 1.
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate)) };
    },
  };
}
