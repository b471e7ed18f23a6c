import type { WorkspaceRef } from '../azure/ports';
import { isAbsentOrNotOnboarded } from '../azure/sentinel-not-onboarded';
import type { WorkspaceModel, WorkspaceRole } from '../workflow';
import { DOC_LINKS } from './doc-links';
import { CONNECT_CHECKS, oneConnectedCheck, xdrConnectorCheck, type PrerequisiteCheck } from './prerequisite-checks';

/**
 * The standalone Microsoft connectors the portal disconnects in a secondary workspace ("Multiple
 * Microsoft Sentinel workspaces in the Defender portal": Defender for Endpoint, Office 365,
 * Identity, Cloud Apps, Entra ID Protection), by data connector kind.
 */
export const STANDALONE_CONNECTORS: Readonly<Record<string, string>> = {
  MicrosoftDefenderAdvancedThreatProtection: 'Microsoft Defender for Endpoint',
  OfficeATP: 'Microsoft Defender for Office 365',
  AzureAdvancedThreatProtection: 'Microsoft Defender for Identity',
  MicrosoftCloudAppSecurity: 'Microsoft Defender for Cloud Apps',
  AzureActiveDirectory: 'Microsoft Entra ID Protection',
};

/** What a secondary becomes: information, never a blocker. */
function secondaryRoleCheck(primary: WorkspaceRef): PrerequisiteCheck {
  return {
    id: 'one-connected',
    title: 'Role in the Defender portal: secondary',
    blocking: false,
    async run({ arm, workspace }) {
      const connectors = await arm.listDataConnectors(workspace).catch((err: unknown) => {
        if (isAbsentOrNotOnboarded(err)) return [];
        throw err;
      });
      const standalone = connectors.filter((c) => c.kind in STANDALONE_CONNECTORS).map((c) => `${STANDALONE_CONNECTORS[c.kind]} (${c.kind})`);
      return {
        result: 'warn',
        reason:
          `${workspace.name} joins as a secondary workspace; ${primary.name} stays the primary. Defender XDR incidents and alerts stay with ` +
          `the primary and are not in ${workspace.name}. ` +
          (standalone.length > 0
            ? `The portal disconnects its standalone Microsoft connectors: ${standalone.join(', ')}.`
            : 'It has no standalone Microsoft connector for the portal to disconnect.'),
        remediation: { text: 'Type `primary <workspace>` later to make it the primary instead.', url: DOC_LINKS.multipleWorkspaces },
      };
    },
  };
}

/**
 * The prerequisite checks of a connect under a workspace model: the model says whether the Defender
 * XDR connector check blocks for the role; a secondary's "one connected" check is its role.
 * Undefined: the default list (the single model's).
 */
export function checksFor(model: WorkspaceModel, role: WorkspaceRole, primary: WorkspaceRef | null): PrerequisiteCheck[] | undefined {
  if (model.name === 'single') return undefined;
  return CONNECT_CHECKS.map((check) => {
    if (check === xdrConnectorCheck) return { ...check, blocking: model.xdrConnectorBlocks(role) };
    if (check === oneConnectedCheck && role === 'secondary' && primary) return secondaryRoleCheck(primary);
    return check;
  });
}
