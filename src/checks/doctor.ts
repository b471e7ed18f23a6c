import { GRAPH_READS } from '../azure/graph-reads';
import { AzureCallError, type ArmPort, type AzureService, type GraphPort, type GraphRead } from '../azure/ports';
import type { Cloud } from '../clouds';
import { describeCallError, isAzureFailure, withDeadline } from './describe-call-error';
import { grantArmReader, grantGraphPermission, type GrantSteps } from './grant-access';

/** A row's result: the access is there, it is not, or the bot could not tell (never a pass on an error). */
export type AccessResult = 'pass' | 'fail' | 'unknown';

/** One access the bot's own identity needs. */
export interface AccessRow {
  id: string;
  service: AzureService;
  /** The exact access to grant: an Azure role ("Reader") or a Graph application permission. */
  permission: string;
  /** What the bot reads with it, and what breaks without it. */
  purpose: string;
  result: AccessResult;
  /** One line: why this result. */
  reason: string;
  /** How to grant it; present for anything but a pass. */
  grant?: GrantSteps;
}

/** The doctor's report: one row per access, in a fixed order. */
export interface AccessReport {
  cloud: string;
  checkedAt: string;
  rows: AccessRow[];
}

export interface DoctorInput {
  cloud: Cloud;
  /** The bot's app (client) id, for the commands; null: a placeholder is printed. */
  clientId: string | null;
  /** The tenant the bot serves: subscriptions of other tenants (Azure Lighthouse) are named as such. */
  homeTenantId: string | null;
  /** Overall deadline, ms. */
  deadlineMs: number;
  now: () => Date;
}

/** The Graph permissions the bot needs, each with the reads it allows (GRAPH_READS), in the report's order. */
const GRAPH_ROWS: { permission: string; reads: GraphRead[]; needs: string }[] = [
  {
    permission: 'RoleManagement.Read.Directory',
    reads: ['roleAssignments', 'roleEligibility'],
    needs: 'without it every connect approval is refused (the roles cannot be verified) and the Entra role check is Unknown',
  },
  {
    permission: 'User.Read.All',
    reads: ['memberships', 'users'],
    needs: 'without it Entra roles held through groups cannot be read, so connect approvals are refused, and the approval card cannot name who may decide',
  },
  {
    permission: 'GroupMember.Read.All',
    reads: ['groupMembers'],
    needs: 'without it the approval card cannot name who may decide when a group holds the roles (it says so, and anyone with the roles may still approve)',
  },
  {
    permission: 'LicenseAssignment.Read.All',
    reads: ['subscribedSkus'],
    needs: 'without it the Defender XDR connector check (blocking) is Unknown',
  },
  {
    permission: 'Application.Read.All',
    reads: ['servicePrincipals'],
    needs: "without it the bot cannot find the Defender apps' role, so `No other workspace connected` is Unknown and no connection is verified",
  },
];

const isForbidden = (err: unknown): err is AzureCallError => err instanceof AzureCallError && err.kind === 'forbidden';

/**
 * Checks the bot's own access, one row per access it needs: Reader on the subscriptions (ARM),
 * and each Microsoft Graph application permission, by making the reads the bot makes (with
 * arguments that touch nothing). A 403 is Failed, naming what refused; any other failure is
 * Unknown with its cause; only a read that answered is Passed. Every failing row says how to grant it.
 */
export async function runDoctor(arm: ArmPort, graph: GraphPort, input: DoctorInput): Promise<AccessReport> {
  const deadline = Date.now() + input.deadlineMs;
  const [armRow, ...graphRows] = await Promise.all([armReaderRow(arm, input, deadline), ...GRAPH_ROWS.map((row) => graphRow(graph, row, input, deadline))]);
  return { cloud: input.cloud.label, checkedAt: input.now().toISOString(), rows: [armRow, ...graphRows] };
}

async function graphRow(graph: GraphPort, row: (typeof GRAPH_ROWS)[number], input: DoctorInput, deadline: number): Promise<AccessRow> {
  const first = GRAPH_READS[row.reads[0]!];
  const alternative = row.reads.map((r) => GRAPH_READS[r].alternative).find((a) => a !== undefined);
  const base = {
    id: `graph:${row.permission}`,
    service: 'Microsoft Graph' as const,
    permission: row.permission,
    purpose: `${first.purpose}; ${row.needs}${alternative && row.permission !== 'RoleManagement.Read.Directory' ? ` (${alternative} also allows it)` : ''}`,
  };
  const outcomes = await Promise.all(
    row.reads.map((read) =>
      withDeadline(graph.probe(read), deadline).then(
        () => ({ read, error: undefined as unknown }),
        (error: unknown) => {
          if (!isAzureFailure(error)) throw error;
          return { read, error };
        },
      ),
    ),
  );
  const refused = outcomes.filter((o) => isForbidden(o.error));
  const grant = grantGraphPermission(row.permission, input.cloud, input.clientId);
  if (refused.length > 0) {
    const what = refused.map((o) => GRAPH_READS[o.read].endpoint).join(' and ');
    const code = (refused[0]!.error as AzureCallError).code;
    return { ...base, result: 'fail', reason: `Microsoft Graph refused ${what}${code ? ` (${code})` : ''}: the permission is not granted.`, grant };
  }
  const failed = outcomes.find((o) => o.error !== undefined);
  if (failed) return { ...base, result: 'unknown', reason: `Could not check: ${describeCallError(failed.error)}.`, grant };
  return { ...base, result: 'pass', reason: `Microsoft Graph answered ${row.reads.map((r) => GRAPH_READS[r].endpoint).join(' and ')}.` };
}

async function armReaderRow(arm: ArmPort, input: DoctorInput, deadline: number): Promise<AccessRow> {
  const base = {
    id: 'arm:Reader',
    service: 'Azure Resource Manager' as const,
    permission: 'Reader',
    purpose:
      'the subscriptions, their workspaces, Microsoft Sentinel, its connectors and rules, and role assignments; without it the bot sees no ' +
      'workspace there, and checks on it are Unknown',
  };
  try {
    const subscriptions = await withDeadline(arm.listSubscriptions(), deadline);
    if (subscriptions.length === 0) {
      return {
        ...base,
        result: 'fail',
        reason: "Azure Resource Manager lists no subscription: the bot's identity holds no role on any subscription.",
        grant: grantArmReader(input.cloud, input.clientId),
      };
    }
    // The reads the checks make on every subscription: its workspaces and its role assignments.
    const reads = await Promise.all(
      subscriptions.map((s) =>
        withDeadline(arm.listRoleAssignmentsAtScope(`/subscriptions/${s.subscriptionId}`), deadline).then(
          () => undefined,
          (error: unknown) => {
            if (!isAzureFailure(error)) throw error;
            return { subscription: s, error };
          },
        ),
      ),
    );
    await withDeadline(arm.listWorkspaces(), deadline);
    const refused = reads.flatMap((r) => (r !== undefined && isForbidden(r.error) ? [r.subscription] : []));
    if (refused.length > 0) {
      return {
        ...base,
        result: 'fail',
        reason: `Azure Resource Manager refused reads on ${refused.map((s) => `${s.displayName} (${s.subscriptionId})`).join(', ')}.`,
        grant: grantArmReader(input.cloud, input.clientId, refused[0]!.subscriptionId),
      };
    }
    const failed = reads.find((r) => r !== undefined);
    if (failed)
      return { ...base, result: 'unknown', reason: `Could not check: ${describeCallError(failed.error)}.`, grant: grantArmReader(input.cloud, input.clientId) };
    const home = input.homeTenantId?.toLowerCase();
    const delegated = home ? subscriptions.filter((s) => s.tenantId && s.tenantId !== home) : [];
    const names = subscriptions.map((s) => s.displayName).join(', ');
    return {
      ...base,
      result: 'pass',
      reason:
        `The bot reads ${subscriptions.length} subscription${subscriptions.length === 1 ? '' : 's'} (${names}).` +
        (delegated.length > 0
          ? ` ${delegated.length} of them belong${delegated.length === 1 ? 's' : ''} to another tenant (Azure Lighthouse): their workspaces ` +
            'cannot be connected here.'
          : '') +
        ' A subscription where the bot holds no role is not listed at all: assign Reader there too if one is missing.',
    };
  } catch (err) {
    if (!isAzureFailure(err)) throw err;
    const refusedAll = isForbidden(err);
    return {
      ...base,
      result: refusedAll ? 'fail' : 'unknown',
      reason: refusedAll ? `Azure Resource Manager refused the read (${err.code ?? 'access denied'}).` : `Could not check: ${describeCallError(err)}.`,
      grant: grantArmReader(input.cloud, input.clientId),
    };
  }
}
