import { z } from 'zod';
import { authorizationFailed, notOnboarded } from './arm-errors';
import type { ArmContext, ArmRequest } from './arm-request';
import { workspaceId } from './arm-ids';
import { armError, ok, type EmulatedResponse } from './emulated-response';
import type { FixtureAlertRule } from './fixture-schema';
import { parseJson } from './http-io';
import { formatFixtureIssues } from './parse-tenant-fixture';
import { alertRuleKindDefined } from './schema-features';
import { alertRuleJson } from './sentinel-alert-rules';
import type { WorkspaceMatch } from './tenant-lookup';

/**
 * The required properties of each kind the sandbox serves, as `AlertRules.json` (stable/2025-12-01)
 * marks them required; the rest of a body is accepted and, where the fixture has no field for it,
 * not kept. Fusion's displayName is read-only there.
 */
const REQUIRED: Record<string, string[]> = {
  fusion: ['alertRuleTemplateName', 'enabled'],
  microsoftsecurityincidentcreation: ['displayName', 'enabled', 'productFilter'],
  scheduled: [
    'displayName',
    'enabled',
    'query',
    'queryFrequency',
    'queryPeriod',
    'severity',
    'suppressionDuration',
    'suppressionEnabled',
    'triggerOperator',
    'triggerThreshold',
  ],
  nrt: ['displayName', 'enabled', 'query', 'severity', 'suppressionDuration', 'suppressionEnabled'],
};

const body = z.object({
  kind: z.string().min(1),
  etag: z.string().optional(),
  properties: z
    .object({
      displayName: z.string().min(1).optional(),
      enabled: z.boolean().optional(),
      productFilter: z.string().min(1).optional(),
      incidentConfiguration: z
        .object({
          createIncident: z.boolean(),
          groupingConfiguration: z.object({ enabled: z.boolean(), reopenClosedIncident: z.boolean() }).passthrough().optional(),
        })
        .passthrough()
        .optional(),
    })
    .passthrough(),
});

type Body = z.infer<typeof body>;

const badRequest = (message: string): EmulatedResponse => armError(400, 'BadRequest', message);

/** The rule the body describes, on top of the existing one (kind, name and what the fixture does not model stay). */
function applyBody(name: string, parsed: Body, existing: FixtureAlertRule | undefined): FixtureAlertRule {
  const p = parsed.properties;
  const rule: FixtureAlertRule = {
    ...(existing ?? { name, kind: parsed.kind, displayName: p.displayName ?? name, enabled: false }),
    enabled: p.enabled === true,
  };
  if (p.displayName !== undefined && rule.kind.toLowerCase() !== 'fusion') rule.displayName = p.displayName;
  if (p.productFilter !== undefined) rule.productFilter = p.productFilter;
  const incidents = p.incidentConfiguration;
  if (incidents && ['scheduled', 'nrt'].includes(rule.kind.toLowerCase())) {
    rule.createIncident = incidents.createIncident;
    if (incidents.groupingConfiguration) {
      rule.groupingEnabled = incidents.groupingConfiguration.enabled;
      rule.reopenClosedIncident = incidents.groupingConfiguration.reopenClosedIncident;
    }
  }
  return rule;
}

/**
 * `PUT …/providers/Microsoft.SecurityInsights/alertRules/{ruleId}` ("Alert Rules - Create Or
 * Update"), as a person does it in the portal when they turn a rule back on: the body is
 * `{kind, etag?, properties}` with the kind's required properties; 200 with the rule when it
 * existed, 201 when it is new. The bot never writes: its own token holds Reader only, so ARM
 * refuses it (403 AuthorizationFailed); a call without a token is ARM's 401. The etag is accepted
 * and not compared (the sandbox's etags do not change).
 */
export function putAlertRule(ctx: ArmContext, req: ArmRequest, match: WorkspaceMatch, name: string): EmulatedResponse {
  if (req.principal === 'anonymous') return armError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
  const { subscription: sub, workspace: ws } = match;
  const wsId = workspaceId(sub.id, ws.resourceGroup, ws.name);
  if (req.principal === 'bot') {
    return authorizationFailed(
      ctx.bot.clientId,
      ctx.bot.objectId,
      'Microsoft.SecurityInsights/alertRules/write',
      `${wsId}/providers/Microsoft.SecurityInsights/alertRules/${name}`,
    );
  }
  if (!ws.sentinel) return notOnboarded(ws.name);
  const json = parseJson(req.body);
  if (!json.ok) return badRequest(json.message);
  const parsed = body.safeParse(json.value);
  if (!parsed.success) return badRequest(`The request body is invalid: ${formatFixtureIssues(parsed.error.issues)}`);
  const kind = parsed.data.kind;
  const required = REQUIRED[kind.toLowerCase()];
  if (!required || !alertRuleKindDefined(kind, req.apiVersion))
    return badRequest(`The alert rule kind '${kind}' is not supported at api-version '${req.apiVersion}'.`);
  const missing = required.filter((field) => (parsed.data.properties as Record<string, unknown>)[field] === undefined);
  if (missing.length > 0) return badRequest(`The request body is missing required properties: ${missing.map((m) => `properties.${m}`).join(', ')}.`);
  const index = ws.alertRules.findIndex((r) => r.name.toLowerCase() === name.toLowerCase());
  const existing = index >= 0 ? ws.alertRules[index] : undefined;
  if (existing && existing.kind.toLowerCase() !== kind.toLowerCase()) {
    return badRequest(`The alert rule '${name}' is of kind '${existing.kind}'; its kind cannot be changed to '${kind}'.`);
  }
  const rule = applyBody(existing?.name ?? name, parsed.data, existing);
  if (existing) ws.alertRules[index] = rule;
  else ws.alertRules.push(rule);
  const answer = alertRuleJson(wsId, rule, req.apiVersion)!;
  return existing ? ok(answer) : { status: 201, body: answer };
}
