/**
 * The Resource Graph queries the bot sends (README, "Resource Graph"); the sandbox answers
 * exactly these. Both project `id`, so that Resource Graph can page them with $skipToken.
 */

/** Every Log Analytics workspace in every subscription the bot can read. */
export const WORKSPACES_QUERY = [
  'resources',
  "| where type =~ 'microsoft.operationalinsights/workspaces'",
  '| project id, name, resourceGroup, subscriptionId, location',
  '| order by id asc',
].join('\n');

/**
 * The active assignments of one role held by some principals, in every subscription the bot
 * can read. `principalIds` and `roleDefinitionGuid` must be GUIDs (checked by the caller).
 */
export function roleAssignmentsQuery(principalIds: readonly string[], roleDefinitionGuid: string): string {
  const ids = principalIds.map((id) => `'${id.toLowerCase()}'`).join(', ');
  return [
    'authorizationresources',
    "| where type =~ 'microsoft.authorization/roleassignments'",
    '| extend principalId = tostring(properties.principalId), roleDefinitionId = tostring(properties.roleDefinitionId), scope = tostring(properties.scope)',
    `| where principalId in~ (${ids}) and roleDefinitionId endswith '/${roleDefinitionGuid.toLowerCase()}'`,
    '| project id, subscriptionId, principalId, roleDefinitionId, scope',
    '| order by id asc',
  ].join('\n');
}
