/** At most `limit` sends in any `windowMs` milliseconds. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/** Teams' per-conversation limits for a bot: 7 messages a second, 60 in 30 seconds. */
export const TEAMS_CONVERSATION_LIMITS: readonly RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 60, windowMs: 30_000 },
];

export interface SlidingWindowLimiterOptions {
  windows?: readonly RateWindow[];
  /** Added to every window, for clock and network skew between us and Teams. Default 0. */
  marginMs?: number;
  /** The clock (epoch ms); tests pass their own. */
  now?: () => number;
  /** Waits `ms`; tests pass one that advances their clock. */
  sleep?: (ms: number) => Promise<void>;
}

/** A per-key sliding-window rate limiter (a log of send times per key). */
export interface SlidingWindowLimiter {
  /** How long a send to `key` must wait now (0 = it may go). */
  delayFor(key: string): number;
  /**
   * Waits until a send to `key` is allowed and counts it. Call the returned
   * function when the send is over: the send then counts from that moment (the
   * service saw it somewhere in between), and while it is open it counts as "now".
   */
  acquire(key: string): Promise<() => void>;
}

interface Slot {
  at: number;
  open: boolean;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates a limiter that counts every send (retries included) against each window. */
export function createSlidingWindowLimiter(options: SlidingWindowLimiterOptions = {}): SlidingWindowLimiter {
  const windows = options.windows ?? TEAMS_CONVERSATION_LIMITS;
  const margin = options.marginMs ?? 0;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const longest = Math.max(...windows.map((w) => w.windowMs)) + margin;
  const sent = new Map<string, Slot[]>();

  const delayFor = (key: string): number => {
    const at = now();
    const slots = (sent.get(key) ?? []).filter((s) => s.open || s.at > at - longest);
    if (slots.length === 0) sent.delete(key);
    else sent.set(key, slots);
    const times = slots.map((s) => (s.open ? at : s.at)).sort((a, b) => a - b);
    let delay = 0;
    for (const w of windows) {
      const span = w.windowMs + margin;
      const recent = times.filter((t) => t > at - span);
      // The send `limit` places back must leave the window before the next one goes.
      if (recent.length >= w.limit) delay = Math.max(delay, recent[recent.length - w.limit] + span - at);
    }
    return delay;
  };

  return {
    delayFor,
    async acquire(key) {
      for (;;) {
        const delay = delayFor(key);
        if (delay <= 0) {
          // Checked and counted in one synchronous step, so concurrent senders cannot both take the last slot.
          const slot: Slot = { at: now(), open: true };
          sent.set(key, [...(sent.get(key) ?? []), slot]);
          return () => {
            if (!slot.open) return;
            slot.at = now();
            slot.open = false;
          };
        }
        await sleep(delay);
      }
    },
  };
}
