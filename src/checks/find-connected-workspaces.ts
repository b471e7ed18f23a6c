import type { ArmPort, GraphPort, WorkspaceInfo } from '../azure/ports';
import { mapBounded } from '../azure/map-bounded';
import { isAbsentOrNotOnboarded } from '../azure/sentinel-not-onboarded';
import { AZURE_ROLE } from '../workflow';
import { defenderAppPrincipals, isEnabledState, INCIDENT_RULE_KIND, MTP_KIND } from './connection-signals';

/** Subscriptions whose workspaces are read at once, and workspaces read at once in each (ARM meters reads per subscription). */
export const SCAN_CONCURRENCY = { subscriptions: 8, perSubscription: 10 } as const;

/**
 * Finds the workspaces that Azure signals show as connected to the Defender portal (e.g.
 * connected in the portal before the bot was installed), by narrowing: the portal gives the
 * Defender apps Microsoft Sentinel Contributor on the subscription of a workspace it connects,
 * so only subscriptions where they hold it (one tenant-wide query) can hold one; only their
 * workspaces with Sentinel have their connectors read, and only those streaming XDR incidents
 * their rules, up to 10 at a time per subscription. Given the bot's tenant, the workspaces of
 * other tenants' subscriptions (Azure Lighthouse) are left out: they belong to another portal.
 * Errors propagate: the caller reports `unknown`, never "none connected".
 */
export async function findConnectedWorkspaces(arm: ArmPort, graph: GraphPort, homeTenantId?: string): Promise<WorkspaceInfo[]> {
  return (await scanConnectedWorkspaces(arm, graph, homeTenantId)).connected;
}

/** What the scan found: the workspaces shown as connected, and (when asked) those with a secondary's signals. */
export interface ConnectionScan {
  /** The workspaces whose Defender XDR connector streams incidents, with no Microsoft incident creation rule enabled. */
  connected: WorkspaceInfo[];
  /**
   * Asked for with `secondaries`: the workspaces that show what connecting a secondary leaves, and only that:
   * the apps' role on the subscription, no Defender XDR connector streaming, no Microsoft incident creation
   * rule enabled, and the Fusion rule (BuiltInFusion) present and off. A workspace disconnected from the portal
   * keeps these too, so a candidate is not proof (the portal's Workspaces page is).
   */
  secondaryCandidates: WorkspaceInfo[];
}

/**
 * The scan behind {@link findConnectedWorkspaces}; with `secondaries`, the workspaces of the same
 * subscriptions that do not stream XDR incidents have their rules read too, for the secondary candidates.
 */
export async function scanConnectedWorkspaces(
  arm: ArmPort,
  graph: GraphPort,
  homeTenantId?: string,
  options: { secondaries?: boolean } = {},
): Promise<ConnectionScan> {
  // The inventory is read beside the apps' principals, not after them.
  const listed = Promise.all([arm.listWorkspaces(), homeTenantId ? otherTenantsSubscriptions(arm, homeTenantId) : new Set<string>()]);
  listed.catch(() => undefined);
  const principals = await defenderAppPrincipals(graph);
  // The portal gives the role to the apps that have a principal; a tenant with neither cannot have connected a workspace.
  if (principals === null) return { connected: [], secondaryCandidates: [] };
  const [[all, foreign], assignments] = await Promise.all([
    listed,
    arm.listSubscriptionRoleAssignments(
      principals.map((p) => p.id),
      AZURE_ROLE.sentinelContributor,
    ),
  ]);
  const holders = new Map<string, Set<string>>();
  for (const a of assignments) {
    const sub = a.scope.split('/')[2]?.toLowerCase() ?? '';
    holders.set(sub, (holders.get(sub) ?? new Set()).add(a.principalId.toLowerCase()));
  }
  const workspaces = all.filter((w) => !foreign.has(w.subscriptionId.toLowerCase()));
  const bySubscription = new Map<string, WorkspaceInfo[]>();
  for (const ws of workspaces) {
    const sub = ws.subscriptionId.toLowerCase();
    if (principals.every((p) => holders.get(sub)?.has(p.id.toLowerCase()))) bySubscription.set(sub, [...(bySubscription.get(sub) ?? []), ws]);
  }
  const found = await mapBounded([...bySubscription.values()], SCAN_CONCURRENCY.subscriptions, (list) =>
    mapBounded(list, SCAN_CONCURRENCY.perSubscription, async (ws) => ({ ws, shows: await showsConnected(arm, ws, options.secondaries === true) })),
  );
  const seen = found.flat();
  return {
    connected: seen.filter((f) => f.shows === 'connected').map((f) => f.ws),
    secondaryCandidates: seen.filter((f) => f.shows === 'secondary').map((f) => f.ws),
  };
}

/**
 * `connected`: the workspace's connector streams XDR incidents and none of its Microsoft incident
 * creation rules is enabled. `secondary` (only looked for when asked): no connector streams, no such
 * rule is enabled, and the Fusion rule is there and off.
 */
async function showsConnected(arm: ArmPort, ws: WorkspaceInfo, secondaries: boolean): Promise<'connected' | 'secondary' | null> {
  let connectors;
  try {
    connectors = await arm.listDataConnectors(ws);
  } catch (err) {
    // A workspace without Sentinel (Azure says so: 404 or the not-onboarded 400) is not connected;
    // any other error (an api-version or region 400 included) leaves the answer unknown.
    if (isAbsentOrNotOnboarded(err)) return null;
    throw err;
  }
  const streams = connectors.some((c) => c.kind.toLowerCase() === MTP_KIND && isEnabledState(c.incidentsState));
  if (!streams && !secondaries) return null;
  const rules = await arm.listAlertRules(ws);
  if (rules.some((r) => r.kind.toLowerCase() === INCIDENT_RULE_KIND && r.enabled)) return null;
  if (streams) return 'connected';
  // "The Fusion rule" (BuiltInFusion, or any rule of kind Fusion): connecting turns it off.
  const fusion = rules.filter((r) => r.kind.toLowerCase() === FUSION_KIND);
  return fusion.length > 0 && fusion.every((r) => !r.enabled) ? 'secondary' : null;
}

const FUSION_KIND = 'fusion';

/** The ids (lower case) of the subscriptions ARM lists under another tenant than `homeTenantId`. */
export async function otherTenantsSubscriptions(arm: ArmPort, homeTenantId: string): Promise<Set<string>> {
  const home = homeTenantId.toLowerCase();
  return new Set(
    (await arm.listSubscriptions()).filter((s) => s.tenantId !== undefined && s.tenantId.toLowerCase() !== home).map((s) => s.subscriptionId.toLowerCase()),
  );
}
