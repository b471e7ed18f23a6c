import type { ArmResourceType } from './api-versions';
import type { TenantFixture } from './fixture-schema';
import { findWorkspace, type WorkspaceMatch } from './tenant-lookup';

/** What an ARM path addresses, before anything is checked. */
export interface ArmTarget {
  type: ArmResourceType;
  /** The subscription in the path (as written), when there is one. */
  subscriptionId?: string;
  /** The workspace in the path, when the path names one that exists. */
  workspace?: WorkspaceMatch;
  /** Index in the segments where `providers/<namespace>/<type>` starts (scope before it). */
  providerAt: number;
}

const low = (s: string | undefined): string => (s ?? '').toLowerCase();

/** Finds `providers/<namespace>/<type>` in the segments; returns its index or -1. */
function findProvider(seg: string[], namespace: string, type: string): number {
  return seg.findIndex((s, i) => low(s) === 'providers' && low(seg[i + 1]) === namespace && low(seg[i + 2]) === type);
}

/**
 * Classifies an ARM path by resource type (for api-version checks, authorization and
 * metering); undefined for a path the emulator does not serve.
 */
export function classifyArmPath(tenant: TenantFixture, seg: string[]): ArmTarget | undefined {
  if (low(seg[0]) !== 'subscriptions') return undefined;
  const subscriptionId = seg[1];
  for (const [type, name] of [
    ['roleAssignments', 'roleassignments'],
    ['roleEligibilityScheduleInstances', 'roleeligibilityscheduleinstances'],
  ] as const) {
    const at = findProvider(seg, 'microsoft.authorization', name);
    if (at >= 0) return { type, subscriptionId, providerAt: at };
  }
  if (seg.length <= 2) return { type: 'subscriptions', subscriptionId, providerAt: -1 };
  const ws = findProvider(seg, 'microsoft.operationalinsights', 'workspaces');
  if (ws < 0) return undefined;
  const rg = low(seg[2]) === 'resourcegroups' ? seg[3] : undefined;
  const workspace = rg && seg[ws + 3] ? findWorkspace(tenant, subscriptionId ?? '', rg, seg[ws + 3]!) : undefined;
  const sentinel = seg.slice(ws + 4);
  if (sentinel.length === 0) return { type: 'workspaces', subscriptionId, workspace, providerAt: ws };
  if (low(sentinel[0]) !== 'providers' || low(sentinel[1]) !== 'microsoft.securityinsights') return undefined;
  const collection = (['onboardingStates', 'dataConnectors', 'alertRules', 'automationRules'] as const).find((t) => low(t) === low(sentinel[2]));
  return collection ? { type: collection, subscriptionId, workspace, providerAt: ws + 4 } : undefined;
}
