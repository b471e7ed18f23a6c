import type { ArmPort, GraphPort, WorkspaceInfo } from '../azure/ports';
import { isAbsentOrNotOnboarded } from '../azure/sentinel-not-onboarded';
import { appsHaveContributorOn, isEnabledState, INCIDENT_RULE_KIND, MTP_KIND } from './connection-signals';

/**
 * Finds the workspaces that Azure signals show as connected to the Defender portal
 * (e.g. connected in the portal before the bot was installed). Errors propagate:
 * the caller reports `unknown`, never "none connected". Given the bot's tenant, the workspaces
 * of other tenants' subscriptions (Azure Lighthouse) are left out: they belong to another portal.
 */
export async function findConnectedWorkspaces(arm: ArmPort, graph: GraphPort, homeTenantId?: string): Promise<WorkspaceInfo[]> {
  const [all, foreign] = await Promise.all([arm.listWorkspaces(), homeTenantId ? otherTenantsSubscriptions(arm, homeTenantId) : new Set<string>()]);
  const workspaces = all.filter((w) => !foreign.has(w.subscriptionId.toLowerCase()));
  const subscriptions = [...new Set(workspaces.map((w) => w.subscriptionId.toLowerCase()))];
  const withApps = new Set<string>();
  const candidates: WorkspaceInfo[] = [];
  await Promise.all([
    ...subscriptions.map(async (sub) => {
      if (await appsHaveContributorOn(arm, graph, sub)) withApps.add(sub);
    }),
    ...workspaces.map(async (ws) => {
      const read = await Promise.all([arm.listDataConnectors(ws), arm.listAlertRules(ws)]).catch((err: unknown) => {
        // A workspace without Sentinel (Azure says so: 404 or the not-onboarded 400) is not connected;
        // any other error (an api-version or region 400 included) leaves the answer unknown.
        if (isAbsentOrNotOnboarded(err)) return null;
        throw err;
      });
      if (!read) return;
      const [connectors, rules] = read;
      const incidentsOn = connectors.some((c) => c.kind.toLowerCase() === MTP_KIND && isEnabledState(c.incidentsState));
      const rulesOff = !rules.some((r) => r.kind.toLowerCase() === INCIDENT_RULE_KIND && r.enabled);
      if (incidentsOn && rulesOff) candidates.push(ws);
    }),
  ]);
  return candidates.filter((ws) => withApps.has(ws.subscriptionId.toLowerCase()));
}

/** The ids (lower case) of the subscriptions ARM lists under another tenant than `homeTenantId`. */
export async function otherTenantsSubscriptions(arm: ArmPort, homeTenantId: string): Promise<Set<string>> {
  const home = homeTenantId.toLowerCase();
  return new Set(
    (await arm.listSubscriptions()).filter((s) => s.tenantId !== undefined && s.tenantId.toLowerCase() !== home).map((s) => s.subscriptionId.toLowerCase()),
  );
}
