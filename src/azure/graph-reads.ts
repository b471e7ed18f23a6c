import type { GraphRead } from './ports';

/** One Graph read of the bot: what it is for and the least privileged application permission it needs. */
export interface GraphReadInfo {
  /** The endpoint, as the Graph reference names it. */
  endpoint: string;
  /** What the bot learns from it, in words ("the groups a person is in"). */
  purpose: string;
  /** The least privileged application permission that allows it. */
  permission: string;
  /** A permission the bot may hold instead (as least privileged as the first, for another reason). */
  alternative?: string;
  /** The Graph reference page, with the permission table the choice comes from. */
  source: string;
}

/**
 * Every Graph read the bot makes and the application permission it asks for, least privileged
 * first, from the permission tables of the Graph reference (what Graph accepts in all is the
 * sandbox's table, src/sandbox/graph-permissions.ts). The doctor probes each of them; a 403 names it.
 */
export const GRAPH_READS: { readonly [R in GraphRead]: GraphReadInfo } = {
  memberships: {
    endpoint: 'GET /v1.0/users/{id}/transitiveMemberOf',
    purpose: 'the groups a person is in, nested ones included, whose Entra roles they hold',
    permission: 'User.Read.All',
    source: 'https://learn.microsoft.com/graph/api/user-list-transitivememberof',
  },
  roleAssignments: {
    endpoint: 'GET /v1.0/roleManagement/directory/roleAssignments',
    purpose: 'the Entra roles a person and their groups hold',
    permission: 'RoleManagement.Read.Directory',
    source: 'https://learn.microsoft.com/graph/api/rbacapplication-list-roleassignments',
  },
  roleEligibility: {
    endpoint: 'GET /v1.0/roleManagement/directory/roleEligibilityScheduleInstances',
    purpose: 'the Entra roles a person may activate in Privileged Identity Management',
    permission: 'RoleManagement.Read.Directory',
    alternative: 'RoleEligibilitySchedule.Read.Directory',
    source: 'https://learn.microsoft.com/graph/api/rbacapplication-list-roleeligibilityscheduleinstances',
  },
  subscribedSkus: {
    endpoint: 'GET /v1.0/subscribedSkus',
    purpose: 'whether the tenant has Microsoft Defender XDR (the MTP service plan)',
    permission: 'LicenseAssignment.Read.All',
    alternative: 'Organization.Read.All',
    source: 'https://learn.microsoft.com/graph/api/subscribedsku-list',
  },
  servicePrincipals: {
    endpoint: 'GET /v1.0/servicePrincipals',
    purpose: "the Defender apps' service principals, which the portal gives Microsoft Sentinel Contributor",
    permission: 'Application.Read.All',
    source: 'https://learn.microsoft.com/graph/api/serviceprincipal-list',
  },
  groupMembers: {
    endpoint: 'GET /v1.0/groups/{id}/transitiveMembers',
    purpose: 'the members of a group holding a role, nested groups expanded, to name who may approve',
    permission: 'GroupMember.Read.All',
    source: 'https://learn.microsoft.com/graph/api/group-list-transitivemembers',
  },
  users: {
    endpoint: 'GET /v1.0/users/{id}',
    purpose: 'a person by id',
    permission: 'User.Read.All',
    source: 'https://learn.microsoft.com/graph/api/user-get',
  },
};

/** The well-known appId of Microsoft Graph, whose app roles are the application permissions. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
