import type { ArmPort, GraphPort, WorkspaceInfo } from '../azure/ports';
import { scanConnectedWorkspaces, type ConnectionScan } from './find-connected-workspaces';

/** The answer of {@link findConnectedWorkspaces}, kept briefly and shared by whoever asks meanwhile. */
export interface ConnectedWorkspaceCache {
  /** The workspaces Azure shows as connected: the kept answer while it is fresh, else a new scan (one at a time). */
  find(arm: ArmPort, graph: GraphPort): Promise<WorkspaceInfo[]>;
  /** The same scan whole: with `secondaries` set at creation, the secondary candidates too. */
  scan(arm: ArmPort, graph: GraphPort): Promise<ConnectionScan>;
  /** Drops the kept answer: the bot changed a request's state, so the next check scans again. */
  forget(): void;
}

export interface ConnectedWorkspaceCacheOptions {
  /** How long an answer is kept; default 30 s. */
  ttlMs?: number;
  now?: () => number;
  /** The bot's own tenant: other tenants' subscriptions (Azure Lighthouse) are left out of the scan. */
  homeTenantId?: string;
  /** Whether the scan also looks for secondary candidates (the multi workspace model). */
  secondaries?: boolean;
}

/**
 * Keeps the connected-workspace scan for a short while (default 30 s), so that the checks of many
 * people, and a `check all`, cost one scan. A failed scan is not kept. The bot drops the answer at
 * every state change it commits; a change made elsewhere (the portal, another instance) shows
 * after at most the TTL.
 */
export function createConnectedWorkspaceCache(options: ConnectedWorkspaceCacheOptions = {}): ConnectedWorkspaceCache {
  const ttlMs = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  let kept: { at: number; value: Promise<ConnectionScan> } | null = null;
  const scan = (arm: ArmPort, graph: GraphPort): Promise<ConnectionScan> => {
    if (kept && now() - kept.at < ttlMs) return kept.value;
    const entry = { at: now(), value: scanConnectedWorkspaces(arm, graph, options.homeTenantId, { secondaries: options.secondaries === true }) };
    kept = entry;
    entry.value.catch(() => {
      if (kept === entry) kept = null;
    });
    return entry.value;
  };
  return {
    find: async (arm, graph) => (await scan(arm, graph)).connected,
    scan,
    forget() {
      kept = null;
    },
  };
}
