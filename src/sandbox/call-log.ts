/** One emulated ARM, Resource Graph or Microsoft Graph call, as `GET /sandbox/calls` lists it. */
export interface EmulatedCall {
  /** `resourceGraph` for a Resource Graph query (a POST through ARM, with its own quota). */
  service: 'arm' | 'resourceGraph' | 'graph';
  method: string;
  /** The service's own path (e.g. `/subscriptions/…` or `/v1.0/users/…`), without the query string. */
  path: string;
  apiVersion: string | null;
  /** The answer's status; 0 when the connection was dropped without one. */
  status: number;
  ms: number;
  /** Who called: `bot` for the bot's sandbox credential. */
  principal: string;
}

/** The calls since the last clear, oldest first, so that a test can count what a command cost. */
export interface CallLog {
  record(call: EmulatedCall): void;
  list(): EmulatedCall[];
  clear(): void;
}

/** Keeps at most `max` calls (the newest), so a long-running sandbox does not grow without bound. */
export function createCallLog(max = 100_000): CallLog {
  let calls: EmulatedCall[] = [];
  return {
    record(call) {
      calls.push(call);
      if (calls.length > max) calls = calls.slice(calls.length - max);
    },
    list: () => calls.slice(),
    clear() {
      calls = [];
    },
  };
}
