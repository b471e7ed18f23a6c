import type { ArmPort, GraphPort } from './ports';

export interface InventoryCacheOptions {
  /** How long the inventory is reused; default 5 minutes. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Keeps the tenant's slowly changing inventory — subscriptions, the workspace list,
 * the Defender apps' service principals — for a few minutes, so a readiness check
 * is one round of concurrent calls instead of three chained ones. Everything a
 * check decides on (Sentinel state, connectors, rules, role assignments) is still
 * read live. A failed read is not cached.
 */
export function cacheInventory(arm: ArmPort, graph: GraphPort, options: InventoryCacheOptions = {}): { arm: ArmPort; graph: GraphPort } {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  const cached = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = entries.get(key);
    if (hit && now() - hit.at < ttlMs) return hit.value as Promise<T>;
    const value = load();
    entries.set(key, { at: now(), value });
    value.catch(() => entries.delete(key));
    return value;
  };
  return {
    arm: {
      ...bindAll(arm),
      listSubscriptions: () => cached('subscriptions', () => arm.listSubscriptions()),
      listWorkspaces: () => cached('workspaces', () => arm.listWorkspaces()),
    },
    graph: {
      ...bindAll(graph),
      findServicePrincipal: (appId: string) => cached(`sp:${appId.toLowerCase()}`, () => graph.findServicePrincipal(appId)),
    },
  };
}

/** The port's methods bound to it, so they can be spread into a wrapper. */
function bindAll<T extends object>(port: T): T {
  const out = {} as Record<string, unknown>;
  for (const key of Object.keys(port) as (keyof T & string)[]) {
    const member = port[key];
    out[key] = typeof member === 'function' ? (member as (...a: unknown[]) => unknown).bind(port) : member;
  }
  return out as T;
}
