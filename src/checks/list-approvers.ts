import { AzureCallError, type ArmPort, type DirectoryPrincipal, type GraphPort, type RoleAssignmentInfo, type WorkspaceRef } from '../azure/ports';
import { AZURE_ROLE, ENTRA_ROLE, evaluateApproverRoles, samePerson, workspaceResourceId, type Person, type RequestKind } from '../workflow';
import { describeCallError, isAzureFailure, withDeadline } from './describe-call-error';

/**
 * Who may decide a request, as worked out at submit: the people, or why the list could not be made
 * (then the card says so and keeps today's buttons for everyone).
 */
export type ApproverList = { status: 'listed'; people: Person[]; at: string } | { status: 'unknown'; reason: string; at: string };

/** The Azure roles whose holders may meet the approver rule (any other role assignment is left out). */
const RELEVANT_AZURE_ROLES: readonly string[] = [AZURE_ROLE.owner, AZURE_ROLE.userAccessAdministrator, AZURE_ROLE.sentinelContributor];
const ENTRA_ROLES = [ENTRA_ROLE.globalAdministrator, ENTRA_ROLE.securityAdministrator] as const;

/** What the reads gave about one person. */
interface Candidate {
  id: string;
  name: string;
  /** Principal ids through which the person holds roles: themself and every group they are in that holds one. */
  via: Set<string>;
}

/**
 * The people who satisfy the approver rule for this request (evaluateApproverRoles, the rule the
 * click applies): the holders of Owner, User Access Administrator and Microsoft Sentinel
 * Contributor at the workspace's scopes (`atScope()` at the workspace: the workspace, its resource
 * group, its subscription and the management groups above), and for a connect the holders of
 * Global or Security Administrator (tenant-wide), groups expanded at every level of nesting, the
 * requester left out. Only active assignments count, as at the click. A read that fails or
 * misses the deadline makes the list `unknown`, with the reason.
 */
export async function listApprovers(
  arm: ArmPort,
  graph: GraphPort,
  workspace: WorkspaceRef,
  kind: RequestKind,
  requester: Person,
  options: { deadline: number; now: () => Date },
): Promise<ApproverList> {
  const at = options.now().toISOString();
  try {
    const people = await withDeadline(readApprovers(arm, graph, workspace, kind, requester), options.deadline);
    return { status: 'listed', people, at };
  } catch (err) {
    if (!isAzureFailure(err)) throw err;
    const permission = err instanceof AzureCallError && err.kind === 'forbidden' && err.permission ? `; the bot needs ${err.permission}` : '';
    return { status: 'unknown', reason: `${describeCallError(err)}${permission}`, at };
  }
}

async function readApprovers(arm: ArmPort, graph: GraphPort, workspace: WorkspaceRef, kind: RequestKind, requester: Person): Promise<Person[]> {
  const workspaceId = workspaceResourceId(workspace);
  const [atScope, entraHolders] = await Promise.all([
    arm.listRoleAssignmentsAtScope(workspaceId),
    kind !== 'disconnect' ? Promise.all(ENTRA_ROLES.map(async (role) => ({ role, holders: await graph.listEntraRoleHolders(role) }))) : Promise.resolve([]),
  ]);
  const assignments = atScope.filter((a) => RELEVANT_AZURE_ROLES.includes(a.roleDefinitionGuid.toLowerCase()));

  // Every principal that holds a relevant role, by kind: users are people, groups are expanded, the rest (apps) never click.
  const azurePrincipals: DirectoryPrincipal[] = assignments.map((a) => ({ id: a.principalId, kind: principalKind(a), displayName: '' }));
  const principals = [...azurePrincipals, ...entraHolders.flatMap((e) => e.holders)];
  const groupIds = [...new Set(principals.filter((p) => p.kind === 'group').map((p) => p.id.toLowerCase()))];
  const members = await Promise.all(groupIds.map(async (id) => ({ id, members: await graph.listGroupMembers(id) })));

  const candidates = new Map<string, Candidate>();
  const add = (user: DirectoryPrincipal, via: string): void => {
    const key = user.id.toLowerCase();
    const found = candidates.get(key) ?? { id: user.id, name: '', via: new Set<string>() };
    if (!found.name && user.displayName.trim()) found.name = user.displayName;
    found.via.add(via.toLowerCase());
    candidates.set(key, found);
  };
  for (const p of principals) if (p.kind === 'user') add(p, p.id);
  for (const g of members) for (const m of g.members) if (m.kind === 'user') add(m, g.id);

  const qualified = [...candidates.values()].filter((c) => {
    if (samePerson(c, requester)) return false;
    const held = (principalId: string): boolean => c.via.has(principalId.toLowerCase());
    return evaluateApproverRoles({
      kind,
      workspaceId,
      entraRoleTemplateIds: entraHolders.filter((e) => e.holders.some((h) => held(h.id))).map((e) => e.role),
      azureAssignments: assignments.filter((a) => held(a.principalId)),
    }).qualified;
  });
  // ARM names nobody, and a member read with limited information has no name: ask Graph for those.
  const named = await Promise.all(
    qualified.map(async (c): Promise<Person> => (c.name ? { id: c.id, name: c.name } : { id: c.id, name: (await graph.getUser(c.id))?.displayName || c.id })),
  );
  return named.sort((a, b) => a.name.localeCompare(b.name));
}

/** A role assignment's principal as a kind; an assignment without principalType is taken as a user's (it is never expanded). */
function principalKind(a: RoleAssignmentInfo): DirectoryPrincipal['kind'] {
  const type = (a.principalType ?? 'User').toLowerCase();
  return type === 'user' ? 'user' : type === 'group' ? 'group' : 'other';
}
