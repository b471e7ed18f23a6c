/**
 * Built-in role names the sandbox fixture accepts, with the GUIDs Azure and
 * Entra ID use for them (role definition names / role template ids).
 */

/** Azure RBAC built-in roles: display name → role definition GUID. */
export const AZURE_ROLES = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'Microsoft Sentinel Contributor': 'ab8e14d6-4a74-4a29-9ba8-549422addade',
  'Microsoft Sentinel Reader': '8d289c81-5878-46d4-8554-54e1e3d8b5cb',
  'Microsoft Sentinel Responder': '3e150937-b8fe-4cfb-8069-0eaf05ecd056',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'Log Analytics Contributor': '92aaf0da-9dab-42b6-94a3-d43ce8d16293',
  'Log Analytics Reader': '73c42c96-874c-492b-b04d-ab87d138a893',
} as const;

/** Entra ID built-in directory roles: display name → role template id. */
export const ENTRA_ROLES = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Security Administrator': '194ae4cb-b126-40b2-bd5b-6091b380977d',
  'Security Operator': '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
  'Security Reader': '5d6b6bb7-de71-4623-b4af-96380a352509',
  'Global Reader': 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  'User Administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'Compliance Administrator': '17315797-102d-40b4-93e0-432062caca18',
} as const;

export type AzureRoleName = keyof typeof AZURE_ROLES;
export type EntraRoleName = keyof typeof ENTRA_ROLES;

export const AZURE_ROLE_NAMES = Object.keys(AZURE_ROLES) as [AzureRoleName, ...AzureRoleName[]];
export const ENTRA_ROLE_NAMES = Object.keys(ENTRA_ROLES) as [EntraRoleName, ...EntraRoleName[]];

/** The two first-party apps whose service principals every tenant has. */
export const FIRST_PARTY_APPS = [
  { appId: '8ee8fdad-f234-4243-8f3b-15c294843740', displayName: 'Microsoft Threat Protection' },
  { appId: 'fc780465-2017-40d4-a0c5-307022471b92', displayName: 'WindowsDefenderATP' },
] as const;

/** Microsoft 365 Defender service plan, the tenant's Defender XDR signal in subscribedSkus. */
export const MTP_SERVICE_PLAN = {
  servicePlanId: 'bf28f719-7844-4079-9c78-c1307898e192',
  servicePlanName: 'MTP',
} as const;
