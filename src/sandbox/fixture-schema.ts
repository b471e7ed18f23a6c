import { z } from 'zod';
import { AZURE_ROLE_NAMES, ENTRA_ROLE_NAMES } from './role-catalog';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guid = z.string().regex(GUID, { message: 'must be a GUID such as 00000000-0000-4000-8000-000000000000' });
const armName = z.string().regex(/^[A-Za-z0-9._()-]+$/, { message: "must be a name of letters, digits, '.', '_', '-', '(' or ')'" });
const text = z.string().min(1, { message: 'must be a non-empty string' });

const scope = z.string().regex(/^(subscription|resourceGroup:[A-Za-z0-9._()-]+|workspace:[A-Za-z0-9._()-]+\/[A-Za-z0-9._()-]+)$/, {
  message: 'accepted: "subscription", "resourceGroup:<rg>" or "workspace:<rg>/<name>"',
});

const roleAssignment = z.object({
  principalId: guid,
  role: z.enum(AZURE_ROLE_NAMES),
  scope,
  /** Role assignment name (a GUID); derived from the other fields when absent. */
  name: guid.optional(),
});

const dataConnector = z.object({
  kind: text,
  name: armName.optional(),
  /** Passed through as written (real tenants sometimes return lower case). */
  incidents: text.optional(),
  alerts: text.optional(),
});

const alertRule = z.object({
  name: armName,
  kind: text,
  displayName: text,
  productFilter: text.optional(),
  enabled: z.boolean(),
});

const automationRule = z.object({
  name: armName,
  displayName: text,
});

const workspace = z.object({
  resourceGroup: armName,
  name: armName,
  location: text,
  sentinel: z.boolean(),
  dataConnectors: z.array(dataConnector).default([]),
  alertRules: z.array(alertRule).default([]),
  automationRules: z.array(automationRule).default([]),
});

const subscription = z.object({
  id: guid,
  displayName: text,
  roleAssignments: z.array(roleAssignment).default([]),
  workspaces: z.array(workspace).default([]),
});

const user = z.object({
  id: guid,
  displayName: text,
  upn: z.string().regex(/^[^@\s]+@[^@\s]+$/, { message: 'must be a user principal name such as dana@contoso.example' }),
  entraRoles: z.array(z.enum(ENTRA_ROLE_NAMES)).default([]),
  groups: z.array(guid).default([]),
});

const group = z.object({
  id: guid,
  displayName: text,
  /** Entra roles held by the group (a role-assignable group); its members hold them transitively. */
  entraRoles: z.array(z.enum(ENTRA_ROLE_NAMES)).optional(),
});

const servicePrincipal = z.object({ id: guid, appId: guid, displayName: text });

/** The sandbox tenant fixture (contracts/sandbox-tenant.md). */
export const tenantFixtureSchema = z
  .object({
    tenantId: guid,
    defenderXdr: z.boolean(),
    users: z.array(user).default([]),
    groups: z.array(group).default([]),
    /** Optional; the two first-party apps' service principals are always added. */
    servicePrincipals: z.array(servicePrincipal).optional(),
    subscriptions: z.array(subscription).default([]),
    connectedWorkspace: z
      .string()
      .regex(/^[^/\s]+\/[^/\s]+\/[^/\s]+$/, { message: 'accepted: null or "<subscriptionId>/<resourceGroup>/<workspaceName>"' })
      .nullable()
      .default(null),
  })
  .superRefine((tenant, ctx) => {
    const groupIds = new Set(tenant.groups.map((g) => g.id.toLowerCase()));
    const principalIds = new Set([
      ...groupIds,
      ...tenant.users.map((u) => u.id.toLowerCase()),
      ...(tenant.servicePrincipals ?? []).map((s) => s.id.toLowerCase()),
    ]);
    tenant.users.forEach((u, i) =>
      u.groups.forEach((g, j) => {
        if (!groupIds.has(g.toLowerCase())) {
          ctx.addIssue({ code: 'custom', path: ['users', i, 'groups', j], message: `group ${g} is not in "groups"` });
        }
      }),
    );
    tenant.subscriptions.forEach((s, i) =>
      s.roleAssignments.forEach((ra, j) => {
        if (!principalIds.has(ra.principalId.toLowerCase())) {
          ctx.addIssue({
            code: 'custom',
            path: ['subscriptions', i, 'roleAssignments', j, 'principalId'],
            message: `principal ${ra.principalId} is not a user, group or service principal of the fixture`,
          });
        }
      }),
    );
    if (tenant.connectedWorkspace) {
      const [sub, rg, name] = tenant.connectedWorkspace.toLowerCase().split('/');
      const found = tenant.subscriptions.some(
        (s) => s.id.toLowerCase() === sub && s.workspaces.some((w) => w.resourceGroup.toLowerCase() === rg && w.name.toLowerCase() === name),
      );
      if (!found) {
        ctx.addIssue({
          code: 'custom',
          path: ['connectedWorkspace'],
          message:
            `workspace ${tenant.connectedWorkspace} is not in "subscriptions"; accepted: null or ` +
            `"<subscriptionId>/<resourceGroup>/<workspaceName>" of a fixture workspace`,
        });
      }
    }
  });

/** A tenant fixture after validation (defaults applied). */
export type TenantFixture = z.infer<typeof tenantFixtureSchema>;
export type FixtureSubscription = TenantFixture['subscriptions'][number];
export type FixtureWorkspace = FixtureSubscription['workspaces'][number];
export type FixtureRoleAssignment = FixtureSubscription['roleAssignments'][number];
export type FixtureDataConnector = FixtureWorkspace['dataConnectors'][number];
export type FixtureAlertRule = FixtureWorkspace['alertRules'][number];
export type FixtureUser = TenantFixture['users'][number];
export type FixtureGroup = TenantFixture['groups'][number];
export type FixtureServicePrincipal = NonNullable<TenantFixture['servicePrincipals']>[number];
