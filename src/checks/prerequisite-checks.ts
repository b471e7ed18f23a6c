import type { ArmPort, GraphPort, WorkspaceInfo, WorkspaceRef } from '../azure/ports';
import { isAbsentOrNotOnboarded } from '../azure/sentinel-not-onboarded';
import { PUBLIC_CLOUD, portalLinks, type PortalLinks } from '../clouds';
import {
  activateInPim,
  APPROVER_REQUIREMENT,
  evaluateAzureRequirement,
  evaluateEntraRequirement,
  formatWorkspace,
  sameWorkspace,
  workspaceResourceId,
  type Person,
} from '../workflow';
import { isAzureFailure } from './describe-call-error';
import { isEnabledState, MTP_KIND } from './connection-signals';
import { DOC_LINKS } from './doc-links';
import type { CheckOutcome } from './readiness';

/** What every check gets: memoized ports, the workspace, the person asking, the bot's record, the connected-workspace scan. */
export interface CheckInput {
  arm: ArmPort;
  graph: GraphPort;
  workspace: WorkspaceRef;
  requester: Person;
  recordedConnection: WorkspaceRef | null;
  /** The workspaces Azure shows as connected (findConnectedWorkspaces, or its short-lived cache). */
  findConnected: () => Promise<WorkspaceInfo[]>;
  /** The Entra tenant whose Defender portal the workspace would join (the one the bot reads); undefined: not known. */
  homeTenantId?: string | null;
  /** The cloud's portal pages; default the public cloud's. */
  links?: PortalLinks;
}

const linksOf = (input: CheckInput): PortalLinks => input.links ?? portalLinks(PUBLIC_CLOUD);

/** An eligibility read that fails says nothing: the check then reads as if there were none. */
const unlessUnreadable = <T>(promise: Promise<T>): Promise<T | undefined> =>
  promise.catch((err: unknown) => {
    if (isAzureFailure(err)) return undefined;
    throw err;
  });

type Decided = Omit<CheckOutcome, 'id' | 'title' | 'blocking'>;

/** One prerequisite: an id, a title, whether it blocks submitting, and how to decide it. */
export interface PrerequisiteCheck {
  id: CheckOutcome['id'];
  title: string;
  blocking: boolean;
  run(input: CheckInput): Promise<Decided>;
}

export const workspaceCheck: PrerequisiteCheck = {
  id: 'workspace',
  title: 'Log Analytics workspace',
  blocking: true,
  async run(input) {
    const { arm, workspace } = input;
    const found = await arm.getWorkspace(workspace);
    return found
      ? { result: 'pass', reason: `${found.name} exists in ${found.location} and the bot can read it.` }
      : {
          result: 'fail',
          reason: `${formatWorkspace(workspace)} was not found, or the bot cannot read it.`,
          remediation: {
            text: 'Check the name (type `connect` alone for a list) and that the bot can read the subscription.',
            url: linksOf(input).azureWorkspaces,
          },
        };
  },
};

/**
 * The workspace's subscription belongs to the bot's own tenant. A subscription of another tenant
 * (seen through Azure Lighthouse) cannot be connected: "The Microsoft Defender portal supports a
 * single Microsoft Entra tenant", and GDAP with Azure Lighthouse "isn't supported for Microsoft
 * Sentinel data in the Defender portal" (Learn, Connect Microsoft Sentinel to the Microsoft Defender portal).
 */
export const tenantCheck: PrerequisiteCheck = {
  id: 'tenant',
  title: 'Workspace in this tenant',
  blocking: true,
  async run({ arm, workspace, homeTenantId }) {
    const subscription = (await arm.listSubscriptions()).find((s) => s.subscriptionId.toLowerCase() === workspace.subscriptionId.toLowerCase());
    if (!subscription) {
      return {
        result: 'unknown',
        reason: `Subscription ${workspace.subscriptionId} is not among the subscriptions the bot can list, so its tenant is unknown.`,
        remediation: { text: "Give the bot's identity Reader on the subscription, then check again.", url: DOC_LINKS.azureRoleAssign },
      };
    }
    const name = `${subscription.displayName} (${subscription.subscriptionId})`;
    if (!homeTenantId) {
      return {
        result: 'unknown',
        reason: `The bot does not know its own tenant, so it cannot tell whether ${name} is in it.`,
        remediation: { text: 'Set AZURE_TENANT_ID to the Microsoft Entra tenant the bot serves, then check again.', url: DOC_LINKS.onboard },
      };
    }
    if (!subscription.tenantId || subscription.tenantId.toLowerCase() === homeTenantId.toLowerCase()) {
      return { result: 'pass', reason: `Subscription ${name} belongs to this tenant.` };
    }
    return {
      result: 'fail',
      reason:
        `Subscription ${name} belongs to another tenant (${subscription.tenantId}) and is seen here through Azure Lighthouse: the Defender portal ` +
        'connects workspaces of its own tenant only.',
      remediation: {
        text: "Connect it from that tenant's own Defender portal (Microsoft Entra B2B access instead of Lighthouse), or pick a workspace of this tenant.",
        url: DOC_LINKS.lighthouse,
      },
    };
  },
};

export const sentinelCheck: PrerequisiteCheck = {
  id: 'sentinel',
  title: 'Microsoft Sentinel enabled',
  blocking: true,
  async run({ arm, workspace }) {
    return (await arm.isSentinelEnabled(workspace))
      ? { result: 'pass', reason: `Microsoft Sentinel is enabled on ${workspace.name}.` }
      : {
          result: 'fail',
          reason: `Microsoft Sentinel is not enabled on ${workspace.name}.`,
          remediation: { text: 'Add Microsoft Sentinel to the workspace in the Azure portal, then check again.', url: DOC_LINKS.enableSentinel },
        };
  },
};

export const xdrConnectorCheck: PrerequisiteCheck = {
  id: 'xdr-connector',
  title: 'Defender XDR connector (incidents and alerts)',
  blocking: true,
  async run({ arm, graph, workspace }) {
    const [hasXdr, connectors] = await Promise.all([
      graph.hasDefenderXdr(),
      arm.listDataConnectors(workspace).catch((err: unknown) => {
        if (isAbsentOrNotOnboarded(err)) return null;
        throw err;
      }),
    ]);
    if (!hasXdr) {
      return {
        result: 'warn',
        reason: 'The tenant has no Microsoft Defender XDR license, so the preview path applies: no connector is needed.',
        remediation: {
          text: 'Before connecting, open Investigation & response > Incidents in the Defender portal and wait a few minutes.',
          url: DOC_LINKS.onboard,
        },
      };
    }
    const remediation = {
      text: 'In Microsoft Sentinel > Data connectors, open Microsoft Defender XDR and turn on incidents and alerts.',
      url: DOC_LINKS.xdrConnector,
    };
    if (connectors === null) {
      return { result: 'fail', reason: `${workspace.name} has no data connectors to read (is Microsoft Sentinel enabled?).`, remediation };
    }
    const mtp = connectors.find((c) => c.kind.toLowerCase() === MTP_KIND);
    if (!mtp) return { result: 'fail', reason: `The Microsoft Defender XDR connector is not set up on ${workspace.name}.`, remediation };
    const off = [isEnabledState(mtp.incidentsState) ? null : 'incidents', isEnabledState(mtp.alertsState) ? null : 'alerts'].filter(Boolean);
    return off.length === 0
      ? { result: 'pass', reason: 'The Defender XDR connector has incidents and alerts enabled.' }
      : { result: 'fail', reason: `The Defender XDR connector has ${off.join(' and ')} turned off.`, remediation };
  },
};

export const oneConnectedCheck: PrerequisiteCheck = {
  id: 'one-connected',
  title: 'No other workspace connected',
  blocking: true,
  async run(input) {
    const { workspace, recordedConnection, findConnected } = input;
    const { defenderWorkspaces } = linksOf(input);
    const disconnectFirst = {
      text: 'Only one workspace can be connected at a time: run `disconnect` for the connected one first.',
      url: defenderWorkspaces,
    };
    if (recordedConnection) {
      return sameWorkspace(recordedConnection, workspace)
        ? { result: 'pass', alreadyConnected: true, reason: `${workspace.name} is already connected to the Defender portal: no other workspace is.` }
        : { result: 'fail', reason: `${formatWorkspace(recordedConnection)} is connected to the Defender portal.`, remediation: disconnectFirst };
    }
    const connected = await findConnected();
    if (connected.length === 0) return { result: 'pass', reason: 'No workspace of the tenant is connected to the Defender portal.' };
    if (connected.some((c) => sameWorkspace(c, workspace)) && connected.length === 1) {
      return {
        result: 'pass',
        alreadyConnected: true,
        reason: `Azure shows ${workspace.name} as already connected to the Defender portal: no other workspace is.`,
      };
    }
    return {
      result: 'fail',
      reason: `Azure shows ${connected.map((c) => c.name).join(', ')} as connected to the Defender portal.`,
      remediation: disconnectFirst,
    };
  },
};

export const entraRoleCheck: PrerequisiteCheck = {
  id: 'entra-role',
  title: 'Entra role for onboarding',
  blocking: false,
  async run({ graph, requester }) {
    const active = await graph.listEntraRoleTemplateIds(requester.id);
    let verdict = evaluateEntraRequirement(active);
    if (verdict.met) return { result: 'pass', reason: `${requester.name} holds ${verdict.roleNames.join(' and ')} in Microsoft Entra ID.` };
    // Only to say what to activate: an eligible role is never a held one.
    const eligible = await unlessUnreadable(graph.listEntraRoleEligibility(requester.id));
    verdict = evaluateEntraRequirement(active, eligible ?? []);
    if (verdict.activate) {
      return {
        result: 'warn',
        reason:
          `${requester.name} is eligible for ${verdict.activate.join(' and ')} but has not activated it: ${activateInPim(verdict.activate)}, ` +
          'then run `check` again.',
        remediation: { text: `The person who approves needs ${APPROVER_REQUIREMENT.entra}, active at the click.`, url: DOC_LINKS.pimActivateEntra },
      };
    }
    return {
      result: 'warn',
      reason: `${requester.name} holds neither Global Administrator nor Security Administrator: the approver will need one of them.`,
      remediation: { text: `The person who approves and performs the portal step needs ${APPROVER_REQUIREMENT.entra}.`, url: DOC_LINKS.entraRoles },
    };
  },
};

export const azureRolesCheck: PrerequisiteCheck = {
  id: 'azure-roles',
  title: 'Azure roles for connecting',
  blocking: false,
  async run({ arm, requester, workspace }) {
    const workspaceId = workspaceResourceId(workspace);
    const active = await arm.listRoleAssignmentsFor(workspaceId, requester.id);
    let verdict = evaluateAzureRequirement(workspaceId, active);
    if (verdict.met) return { result: 'pass', reason: `${requester.name} holds ${verdict.held.join(', ')}.` };
    const eligible = await unlessUnreadable(arm.listRoleEligibilityFor(workspaceId, requester.id));
    verdict = evaluateAzureRequirement(workspaceId, active, eligible ?? []);
    if (verdict.activate) {
      return {
        result: 'warn',
        reason:
          `${requester.name} is eligible for ${verdict.activate.join(' and ')} but has not activated ${verdict.activate.length > 1 ? 'them' : 'it'}: ` +
          `${activateInPim(verdict.activate)}, then run \`check\` again.`,
        remediation: { text: `The approver needs ${APPROVER_REQUIREMENT.azure}, active at the click.`, url: DOC_LINKS.pimActivateAzure },
      };
    }
    return {
      result: 'warn',
      reason: `${requester.name} ${verdict.missing}: the approver will need these roles.`,
      remediation: { text: `The approver needs ${APPROVER_REQUIREMENT.azure}.`, url: DOC_LINKS.sentinelRoles },
    };
  },
};

/** The prerequisites of connecting, in the order the report shows them. */
export const CONNECT_CHECKS: PrerequisiteCheck[] = [
  workspaceCheck,
  tenantCheck,
  sentinelCheck,
  xdrConnectorCheck,
  oneConnectedCheck,
  entraRoleCheck,
  azureRolesCheck,
];
