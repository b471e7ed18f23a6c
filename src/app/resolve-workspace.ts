import { isAzureFailure } from '../checks/describe-call-error';
import type { ArmPort, WorkspaceInfo, WorkspaceRef } from '../azure/ports';
import { formatWorkspace, parseWorkspaceArgument, sameWorkspace } from '../workflow';

export type ResolvedWorkspace = { ok: true; workspace: WorkspaceRef } | { ok: false; message: string };

/**
 * Turns what the user typed (resource id, `sub/rg/name`, or a unique bare name)
 * into a workspace the bot can see; an unknown or ambiguous one gets a message
 * listing close matches.
 */
export async function resolveWorkspace(arm: ArmPort, argument: string): Promise<ResolvedWorkspace> {
  const parsed = parseWorkspaceArgument(argument);
  if (!parsed.ok) return { ok: false, message: parsed.refusal.message };
  let all: WorkspaceInfo[] | null;
  try {
    all = await arm.listWorkspaces();
  } catch (err) {
    if (!isAzureFailure(err)) throw err;
    all = null;
  }
  if (parsed.kind === 'name') {
    if (all === null) {
      return {
        ok: false,
        message: `Azure did not answer when the bot listed workspaces, so "${parsed.name}" could not be looked up. Try again, or give the full resource id.`,
      };
    }
    const matches = all.filter((w) => w.name.toLowerCase() === parsed.name.toLowerCase());
    if (matches.length === 1) return { ok: true, workspace: pick(matches[0]) };
    if (matches.length > 1) {
      return {
        ok: false,
        message: `Several workspaces are named "${parsed.name}": ${matches.map(formatWorkspace).join(', ')}. Give one as subscriptionId/resourceGroup/name.`,
      };
    }
    return { ok: false, message: notFoundMessage(parsed.name, all) };
  }
  const listed = all?.find((w) => sameWorkspace(w, parsed.workspace));
  if (listed) return { ok: true, workspace: pick(listed) };
  if (all === null) return { ok: true, workspace: parsed.workspace };
  try {
    const found = await arm.getWorkspace(parsed.workspace);
    if (found) return { ok: true, workspace: pick(found) };
  } catch (err) {
    if (!isAzureFailure(err)) throw err;
    // The checks will report what Azure says about it.
    return { ok: true, workspace: parsed.workspace };
  }
  return { ok: false, message: notFoundMessage(formatWorkspace(parsed.workspace), all) };
}

function pick(w: WorkspaceRef): WorkspaceRef {
  return { subscriptionId: w.subscriptionId, resourceGroup: w.resourceGroup, name: w.name };
}

function notFoundMessage(typed: string, all: WorkspaceInfo[]): string {
  const name = typed.split('/').pop() ?? typed;
  const close = all
    .map((w) => ({ w, d: distance(w.name.toLowerCase(), name.toLowerCase()) }))
    .filter(
      ({ w, d }) =>
        d <= Math.max(3, Math.floor(name.length / 3)) || w.name.toLowerCase().includes(name.toLowerCase()) || name.toLowerCase().includes(w.name.toLowerCase()),
    )
    .sort((a, b) => a.d - b.d)
    .slice(0, 5)
    .map(({ w }) => `${w.name} (${formatWorkspace(w)})`);
  const hint =
    close.length > 0
      ? ` Close matches: ${close.join(', ')}.`
      : all.length > 0
        ? ` Type \`connect\` alone to pick from the ${all.length} workspaces the bot can see.`
        : ' The bot cannot see any workspace: check that its identity can read the subscriptions.';
  return `The bot found no workspace "${typed.slice(0, 200)}".${hint}`;
}

/** Levenshtein distance, for close-match suggestions. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
