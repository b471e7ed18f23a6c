import { MICROSOFT_GRAPH_APP_ID } from '../azure/graph-reads';
import type { Cloud } from '../clouds';
import { DOC_LINKS } from './doc-links';

/** How to grant one access: Azure CLI commands to run, the same in the portal, and the doc. */
export interface GrantSteps {
  cli: string[];
  portal: string;
  url: string;
}

/** Who the commands name: the bot's app (client) id when it is known, else a placeholder to fill in. */
const appOf = (clientId: string | null): string => clientId ?? '<bot app id>';

/** `az cloud set` first outside the public cloud: the CLI talks to one cloud at a time. */
const cloudFirst = (cloud: Cloud): string[] => (cloud.name === 'AzurePublicCloud' ? [] : [`az cloud set --name ${cloud.azureCliCloud}`]);

/**
 * How to grant a Microsoft Graph application permission to the bot's app registration, with
 * admin consent (`az ad app permission add` / `admin-consent`; the permission's app-role id is
 * looked up by its name from Microsoft Graph's own service principal).
 */
export function grantGraphPermission(permission: string, cloud: Cloud, clientId: string | null): GrantSteps {
  const app = appOf(clientId);
  const roleId = `$(az ad sp show --id ${MICROSOFT_GRAPH_APP_ID} --query "appRoles[?value=='${permission}'].id" -o tsv)`;
  return {
    cli: [
      ...cloudFirst(cloud),
      `az ad app permission add --id ${app} --api ${MICROSOFT_GRAPH_APP_ID} --api-permissions "${roleId}=Role"`,
      `az ad app permission admin-consent --id ${app}`,
    ],
    portal:
      `Azure portal (${cloud.azurePortal}) > Microsoft Entra ID > App registrations > the bot's app > API permissions > Add a permission > ` +
      `Microsoft Graph > Application permissions > ${permission} > Add permissions, then Grant admin consent. (A managed identity has no app ` +
      'registration: assign the app role with the commands in the README, "Permissions the bot needs".)',
    url: DOC_LINKS.graphPermissions,
  };
}

/** How to assign the bot's identity Reader on a subscription (or a management group above the subscriptions). */
export function grantArmReader(cloud: Cloud, clientId: string | null, subscriptionId?: string): GrantSteps {
  const scope = subscriptionId ? `/subscriptions/${subscriptionId}` : '/subscriptions/<subscription id>';
  return {
    cli: [...cloudFirst(cloud), `az role assignment create --assignee ${appOf(clientId)} --role Reader --scope ${scope}`],
    portal:
      `Azure portal (${cloud.azurePortal}) > Subscriptions > the subscription (or Management groups > a group above them) > Access control ` +
      "(IAM) > Add > Add role assignment > Reader > Members: the bot's identity > Review + assign.",
    url: DOC_LINKS.azureRoleAssignCli,
  };
}
