import type { EmulatedResponse } from './emulated-response';
import type { ReadMeter } from './read-meter';

/** The bucket an ARM path's reads are metered in: its subscription, or the tenant for `/subscriptions`. */
export function meteredScope(path: string): { kind: 'subscription' | 'tenant'; id: string } {
  const sub = /^\/subscriptions\/([^/]+)/i.exec(path)?.[1];
  return sub ? { kind: 'subscription', id: sub.toLowerCase() } : { kind: 'tenant', id: 'tenant' };
}

/**
 * Meters one ARM read of `principal` (`actorId` is the object id ARM names). Returns the
 * headers of an allowed read (`x-ms-ratelimit-remaining-subscription-reads`, or `…-tenant-reads`),
 * or ARM's 429: `Retry-After` in seconds and the SubscriptionRequestsThrottled body (its wording
 * from public test code quoting ARM; the tenant-level code is assumed by analogy).
 */
export function meterArmRead(
  meter: ReadMeter,
  principal: string,
  actorId: string,
  path: string,
): { headers: Record<string, string> } | { throttled: EmulatedResponse } {
  const scope = meteredScope(path);
  const header = `x-ms-ratelimit-remaining-${scope.kind}-reads`;
  const taken = meter.take(`${principal}|${scope.id}`);
  if (taken.allowed) return { headers: { [header]: String(taken.remaining) } };
  const what = scope.kind === 'subscription' ? `subscription '${scope.id}'` : 'tenant';
  return {
    throttled: {
      status: 429,
      headers: { 'Retry-After': String(taken.retryAfterSeconds), [header]: '0' },
      body: {
        error: {
          code: scope.kind === 'subscription' ? 'SubscriptionRequestsThrottled' : 'TenantRequestsThrottled',
          message:
            `Number of 'read' requests for ${what} actor '${actorId}' exceeded. Please try again after '${taken.retryAfterSeconds}' seconds ` +
            'after additional tokens are available. Refer to https://aka.ms/arm-throttling',
        },
      },
    },
  };
}
