/**
 * Which Microsoft Graph application permissions allow each emulated Graph read,
 * least privileged first (the "Permissions" tables of the Graph reference:
 * microsoftgraph/microsoft-graph-docs-contrib, api-reference/…/includes/permissions/).
 * A call whose permissions the bot was not granted (`botAccess.graph`) answers
 * 403 Authorization_RequestDenied, as Graph does.
 */
export const GRAPH_ENDPOINT_PERMISSIONS = {
  // user-get-permissions.md: User.ReadBasic.All is not accepted for an app (Learn Q&A 6019739).
  users: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  // serviceprincipal-list-permissions.md
  servicePrincipals: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  // subscribedsku-list-permissions.md
  subscribedSkus: ['LicenseAssignment.Read.All', 'Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'],
  // https://learn.microsoft.com/graph/api/group-list-transitivemembers (v1.0)
  groupTransitiveMembers: ['GroupMember.Read.All', 'Directory.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', 'GroupMember.ReadWrite.All'],
  // user-list-transitivememberof.md (v1.0)
  transitiveMemberOf: ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  // https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignments (v1.0)
  roleAssignments: [
    'RoleManagement.Read.Directory',
    'RoleManagement.Read.All',
    'Directory.Read.All',
    'RoleManagement.ReadWrite.Directory',
    'Directory.ReadWrite.All',
  ],
  // beta rbacapplication-list-transitiveroleassignments.md
  transitiveRoleAssignments: ['RoleManagement.Read.Directory', 'Directory.Read.All', 'RoleManagement.ReadWrite.Directory', 'Directory.ReadWrite.All'],
  // https://learn.microsoft.com/graph/api/rbacapplication-list-roleeligibilityscheduleinstances
  roleEligibilityScheduleInstances: [
    'RoleEligibilitySchedule.Read.Directory',
    'RoleEligibilitySchedule.ReadWrite.Directory',
    'RoleManagement.Read.All',
    'RoleManagement.Read.Directory',
    'RoleManagement.ReadWrite.Directory',
  ],
} as const;

export type GraphEndpoint = keyof typeof GRAPH_ENDPOINT_PERMISSIONS;

/**
 * What lets an app read the properties of a directory object met in a `directoryObject`
 * collection (transitiveMemberOf, transitiveMembers, an expanded principal). Without one, Graph returns such an object with its
 * `@odata.type` and `id` only (the "limited information" note of the Graph reference,
 * api-reference/v1.0/includes/limited-info.md).
 */
const OBJECT_READ_PERMISSIONS = {
  // user-get-permissions.md (application)
  user: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  group: ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  directoryRole: [
    'RoleManagement.Read.Directory',
    'RoleManagement.Read.All',
    'Directory.Read.All',
    'RoleManagement.ReadWrite.Directory',
    'Directory.ReadWrite.All',
  ],
} as const;

/** Whether `granted` (undefined: everything) lets the app read the full properties of that type of object. */
export function graphReadsObject(granted: readonly string[] | undefined, type: keyof typeof OBJECT_READ_PERMISSIONS): boolean {
  if (granted === undefined) return true;
  const have = new Set(granted.map((p) => p.toLowerCase()));
  return OBJECT_READ_PERMISSIONS[type].some((p) => have.has(p.toLowerCase()));
}

/** Every permission name the sandbox knows, for validating `botAccess.graph`. */
export const KNOWN_GRAPH_PERMISSIONS: readonly string[] = [
  ...new Set([...Object.values(GRAPH_ENDPOINT_PERMISSIONS).flat(), ...Object.values(OBJECT_READ_PERMISSIONS).flat()]),
].sort();

/** Whether `granted` (undefined: everything) allows the endpoint. */
export function graphAllows(granted: readonly string[] | undefined, endpoint: GraphEndpoint): boolean {
  if (granted === undefined) return true;
  const have = new Set(granted.map((p) => p.toLowerCase()));
  return GRAPH_ENDPOINT_PERMISSIONS[endpoint].some((p) => have.has(p.toLowerCase()));
}
