import type { ArmPort, GraphPort } from '../azure/ports';
import { evaluateSocChannelMover } from '../workflow';

/**
 * Reads whether a person may move the SOC channel: their Entra roles first (one Graph call), and
 * only when those do not qualify, their role assignments on each subscription the bot sees. Errors
 * propagate: a role that could not be read is never taken as held.
 */
export async function evaluateSocChannelMoverRoles(arm: ArmPort, graph: GraphPort, personId: string): Promise<{ qualified: boolean; held: string[] }> {
  const entraRoleTemplateIds = await graph.listEntraRoleTemplateIds(personId);
  const byEntra = evaluateSocChannelMover({ entraRoleTemplateIds, azureAssignments: [] });
  if (byEntra.qualified) return byEntra;
  const subscriptions = await arm.listSubscriptions();
  const assignments = await Promise.all(subscriptions.map((s) => arm.listRoleAssignmentsFor(`/subscriptions/${s.subscriptionId}`, personId)));
  return evaluateSocChannelMover({ entraRoleTemplateIds, azureAssignments: assignments.flat() });
}
