import { z } from 'zod';
import { checkFixtureReferences } from './check-fixture-references';
import { guid, text } from './fixture-primitives';
import { workspace } from './fixture-sentinel-schema';
import { KNOWN_GRAPH_PERMISSIONS } from './graph-permissions';
import { AZURE_ROLE_NAMES, ENTRA_ROLE_NAMES } from './role-catalog';

const scope = z.string().regex(/^(subscription|resourceGroup:[A-Za-z0-9._()-]+|workspace:[A-Za-z0-9._()-]+\/[A-Za-z0-9._()-]+)$/, {
  message: 'accepted: "subscription", "resourceGroup:<rg>" or "workspace:<rg>/<name>"',
});

const roleAssignment = z
  .object({
    principalId: guid,
    role: z.enum(AZURE_ROLE_NAMES),
    scope,
    /** Role assignment name (a GUID); derived from the other fields when absent. */
    name: guid.optional(),
    /** PIM eligibility: served only by roleEligibilityScheduleInstances, never as an active assignment. */
    eligible: z.boolean().optional(),
    /** An ABAC condition, served in the assignment's properties. */
    condition: text.optional(),
    /** The only version ARM accepts; defaults to 2.0 when a condition is given (as ARM does). */
    conditionVersion: z.literal('2.0', { message: 'accepted: "2.0" (the only condition version)' }).optional(),
  })
  .superRefine((ra, ctx) => {
    if (ra.conditionVersion && !ra.condition) ctx.addIssue({ code: 'custom', path: ['conditionVersion'], message: 'needs a "condition"' });
  });

const subscription = z.object({
  id: guid,
  displayName: text,
  /** The subscription's own tenant; another tenant's means Azure Lighthouse (default: the fixture's). */
  tenantId: guid.optional(),
  /** Tenants that manage the subscription through Azure Lighthouse (`managedByTenants[].tenantId`). */
  managedByTenants: z.array(guid).optional(),
  roleAssignments: z.array(roleAssignment).default([]),
  workspaces: z.array(workspace).default([]),
});

const user = z.object({
  id: guid,
  displayName: text,
  upn: z.string().regex(/^[^@\s]+@[^@\s]+$/, { message: 'must be a user principal name such as dana@contoso.example' }),
  entraRoles: z.array(z.enum(ENTRA_ROLE_NAMES)).default([]),
  /** Entra roles the user may activate through PIM: served only by roleEligibilityScheduleInstances. */
  eligibleEntraRoles: z.array(z.enum(ENTRA_ROLE_NAMES)).optional(),
  groups: z.array(guid).default([]),
});

const group = z.object({
  id: guid,
  displayName: text,
  /** Entra roles held by the group (a role-assignable group); its members hold them transitively. */
  entraRoles: z.array(z.enum(ENTRA_ROLE_NAMES)).optional(),
  /** Groups this group is a member of (nesting). */
  groups: z.array(guid).optional(),
});

const servicePrincipal = z.object({ id: guid, appId: guid, displayName: text });

const graphPermission = z.string().refine((p) => KNOWN_GRAPH_PERMISSIONS.some((k) => k.toLowerCase() === p.toLowerCase()), {
  message: `unknown Graph permission; accepted: ${KNOWN_GRAPH_PERMISSIONS.join(', ')}`,
});

/** What the bot's own identity was granted; an absent part means everything. */
const botAccess = z.object({
  /** Graph application permissions (with admin consent). */
  graph: z.array(graphPermission).optional(),
  /** Subscriptions where the bot holds Reader: their ids, or "*" for all. */
  armReader: z.array(z.union([z.literal('*'), guid], { message: 'accepted: "*" or a subscription id' })).optional(),
});

/** The sandbox tenant fixture (contracts/sandbox-tenant.md). */
const workspaceKeyText = z.string().regex(/^[^/\s]+\/[^/\s]+\/[^/\s]+$/, { message: 'accepted: null or "<subscriptionId>/<resourceGroup>/<workspaceName>"' });

export const tenantFixtureSchema = z
  .object({
    tenantId: guid,
    defenderXdr: z.boolean(),
    users: z.array(user).default([]),
    groups: z.array(group).default([]),
    /** When present, only these service principals exist; absent, the two first-party apps' are added. */
    servicePrincipals: z.array(servicePrincipal).optional(),
    botAccess: botAccess.optional(),
    subscriptions: z.array(subscription).default([]),
    /** `multi`: the Defender portal of today (one primary, any number of secondaries); default `single`. */
    workspaceModel: z.enum(['single', 'multi']).optional(),
    /** Multi model: a list (the primary first) may stand for the connected workspaces. */
    connectedWorkspace: z
      .union([workspaceKeyText, z.array(workspaceKeyText)])
      .nullable()
      .default(null),
    /** Multi model: the primary workspace (the sandbox keeps it; a fixture may leave it out). */
    primary: workspaceKeyText.nullable().optional(),
  })
  .superRefine(checkFixtureReferences);

/** A tenant fixture after validation (defaults applied). */
export type TenantFixture = z.infer<typeof tenantFixtureSchema>;
export type FixtureSubscription = TenantFixture['subscriptions'][number];
export type FixtureWorkspace = FixtureSubscription['workspaces'][number];
export type FixtureRoleAssignment = FixtureSubscription['roleAssignments'][number];
export type FixtureDataConnector = FixtureWorkspace['dataConnectors'][number];
export type FixtureAlertRule = FixtureWorkspace['alertRules'][number];
export type FixtureAutomationRule = FixtureWorkspace['automationRules'][number];
export type FixtureUser = TenantFixture['users'][number];
export type FixtureGroup = TenantFixture['groups'][number];
export type FixtureServicePrincipal = NonNullable<TenantFixture['servicePrincipals']>[number];
