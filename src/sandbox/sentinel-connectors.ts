import { deterministicGuid } from './deterministic-guid';
import type { FixtureDataConnector } from './fixture-schema';
import { connectorKindDefined, mtpHasAlerts } from './schema-features';

type Json = Record<string, unknown>;

const state = (value: string | undefined, fallback: string): { state: string } => ({ state: value ?? fallback });

/** `properties.dataTypes` in the shape each connector kind has at `apiVersion`. */
function dataTypes(dc: FixtureDataConnector, apiVersion: string): Json {
  switch (dc.kind) {
    case 'MicrosoftThreatProtection':
      return { incidents: state(dc.incidents, 'Disabled'), ...(mtpHasAlerts(apiVersion) ? { alerts: state(dc.alerts, 'Disabled') } : {}) };
    case 'Office365':
      return { exchange: state(dc.alerts, 'Enabled'), sharePoint: state(dc.alerts, 'Enabled'), teams: state(dc.alerts, 'Enabled') };
    case 'MicrosoftCloudAppSecurity':
      return { alerts: state(dc.alerts, 'Enabled'), discoveryLogs: state(undefined, 'Disabled') };
    case 'ThreatIntelligence':
      return { indicators: state(dc.alerts, 'Enabled') };
    default:
      return { alerts: state(dc.alerts, 'Enabled'), ...(dc.incidents ? { incidents: state(dc.incidents, 'Enabled') } : {}) };
  }
}

/**
 * A data connector as `…/dataConnectors` returns it at `apiVersion` (tenant- or
 * subscription-scoped per kind), or undefined when that version's schema has no such
 * kind: a list leaves it out (see the README on MicrosoftThreatProtection and stable versions).
 */
export function dataConnectorJson(
  workspaceId: string,
  subscriptionId: string,
  tenantId: string,
  dc: FixtureDataConnector,
  apiVersion: string,
): Json | undefined {
  if (!connectorKindDefined(dc.kind, apiVersion)) return undefined;
  const name = dc.name ?? dc.kind;
  const id = `${workspaceId}/providers/Microsoft.SecurityInsights/dataConnectors/${name}`;
  const scopeProps = dc.kind === 'AzureSecurityCenter' ? { subscriptionId } : { tenantId };
  return {
    id,
    name,
    etag: `"${deterministicGuid('etag', id)}"`,
    type: 'Microsoft.SecurityInsights/dataConnectors',
    kind: dc.kind,
    properties: { ...scopeProps, dataTypes: dataTypes(dc, apiVersion) },
  };
}
