/**
 * The roles the Defender portal demands for connecting and disconnecting a
 * workspace, by the ids Entra and Azure RBAC report them with.
 */

/** Entra directory role template ids. */
export const ENTRA_ROLE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
} as const;

/** Azure built-in role definition GUIDs. */
export const AZURE_ROLE = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  sentinelContributor: 'ab8e14d6-4a74-4a29-9ba8-549422addade',
  sentinelReader: '8d289c81-5878-46d4-8554-54e1e3d8b5cb',
} as const;

/** Display names, keyed by lower-case id, as the Entra admin center and Azure portal show them. */
const ROLE_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  [ENTRA_ROLE.globalAdministrator]: 'Global Administrator',
  [ENTRA_ROLE.securityAdministrator]: 'Security Administrator',
  [AZURE_ROLE.owner]: 'Owner',
  [AZURE_ROLE.userAccessAdministrator]: 'User Access Administrator',
  [AZURE_ROLE.sentinelContributor]: 'Microsoft Sentinel Contributor',
  [AZURE_ROLE.sentinelReader]: 'Microsoft Sentinel Reader',
};

/** The display name of a known role id (any case), or the id itself. */
export function roleDisplayName(id: string): string {
  return ROLE_DISPLAY_NAMES[id.toLowerCase()] ?? id;
}
