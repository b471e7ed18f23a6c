/**
 * The Azure clouds the bot can run in (AZURE_CLOUD), and every endpoint that follows from the
 * choice: ARM and Microsoft Graph with their token scopes, the sign-in authority, the portals the
 * cards and the guidance link to, and the Bot Framework channel of the cloud.
 *
 * Sources: Azure Government developer guide (MicrosoftDocs/azure-docs
 * articles/azure-government/documentation-government-developer-guide.md) for ARM, the authority
 * and the Azure portal; Microsoft Graph national cloud deployments
 * (https://learn.microsoft.com/graph/deployments) for Graph; "Microsoft Defender for Endpoint for
 * US Government customers" (https://learn.microsoft.com/defender-endpoint/gov) for the Defender portal.
 */

/** The names AZURE_CLOUD accepts. */
export const CLOUD_NAMES = ['AzurePublicCloud', 'AzureUSGovernment'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

/** Which US Government environment a tenant of AzureUSGovernment is in (AZURE_GOV_ENVIRONMENT). */
export const GOV_ENVIRONMENTS = ['GCCHigh', 'DoD'] as const;
export type GovEnvironment = (typeof GOV_ENVIRONMENTS)[number];

/** One cloud's endpoints, without trailing slashes. */
export interface Cloud {
  name: CloudName;
  /** GCCHigh or DoD for AzureUSGovernment; absent for the public cloud. */
  govEnvironment?: GovEnvironment;
  /** In words, for the doctor report and the logs. */
  label: string;
  armEndpoint: string;
  armScope: string;
  graphEndpoint: string;
  graphScope: string;
  /** The Microsoft Entra authority host DefaultAzureCredential signs in at. */
  authorityHost: string;
  azurePortal: string;
  defenderPortal: string;
  /** The Bot Framework channel service of the cloud (botbuilder's ChannelService); absent for the public one. */
  botChannelService?: string;
  /** `az cloud set --name …` for the Azure CLI commands the doctor prints. */
  azureCliCloud: string;
}

const PUBLIC: Cloud = {
  name: 'AzurePublicCloud',
  label: 'Azure (public cloud)',
  armEndpoint: 'https://management.azure.com',
  armScope: 'https://management.azure.com/.default',
  graphEndpoint: 'https://graph.microsoft.com',
  graphScope: 'https://graph.microsoft.com/.default',
  authorityHost: 'https://login.microsoftonline.com',
  azurePortal: 'https://portal.azure.com',
  defenderPortal: 'https://security.microsoft.com',
  azureCliCloud: 'AzureCloud',
};

// GCC High and DoD share Azure Government's ARM, authority and portal; Graph and the Defender portal differ.
const GOV_GRAPH: Record<GovEnvironment, string> = { GCCHigh: 'https://graph.microsoft.us', DoD: 'https://dod-graph.microsoft.us' };
const GOV_DEFENDER: Record<GovEnvironment, string> = { GCCHigh: 'https://security.microsoft.us', DoD: 'https://security.apps.mil' };

/** The endpoints of a cloud (and, for AzureUSGovernment, of its environment; default GCC High). */
export function cloudFor(name: CloudName, govEnvironment: GovEnvironment = 'GCCHigh'): Cloud {
  if (name === 'AzurePublicCloud') return PUBLIC;
  const graph = GOV_GRAPH[govEnvironment];
  return {
    name,
    govEnvironment,
    label: `Azure Government (${govEnvironment === 'DoD' ? 'DoD' : 'GCC High'})`,
    armEndpoint: 'https://management.usgovcloudapi.net',
    armScope: 'https://management.usgovcloudapi.net/.default',
    graphEndpoint: graph,
    graphScope: `${graph}/.default`,
    authorityHost: 'https://login.microsoftonline.us',
    azurePortal: 'https://portal.azure.us',
    defenderPortal: GOV_DEFENDER[govEnvironment],
    botChannelService: 'https://botframework.azure.us',
    azureCliCloud: 'AzureUSGovernment',
  };
}

/** The public cloud: the default, and what tests and the sandbox use. */
export const PUBLIC_CLOUD: Cloud = PUBLIC;

/** The portal pages the cards and the remediations link to, in a cloud. */
export interface PortalLinks {
  defenderHome: string;
  defenderWorkspaces: string;
  azureWorkspaces: string;
}

/** The portal pages of a cloud. */
export function portalLinks(cloud: Cloud): PortalLinks {
  return {
    defenderHome: `${cloud.defenderPortal}/homepage`,
    defenderWorkspaces: `${cloud.defenderPortal}/securitysettings/sentinel/workspaces`,
    azureWorkspaces: `${cloud.azurePortal}/#browse/Microsoft.OperationalInsights%2Fworkspaces`,
  };
}

/**
 * Names of Azure China that AZURE_CLOUD refuses, with the reason: Microsoft Sentinel in Azure
 * operated by 21Vianet was retired on 18 August 2026 (the notice on docs.azure.cn, e.g.
 * https://docs.azure.cn/es-es/sentinel/hunting-with-rest-api: "2026 年 8 月 18 日 … 所有 Microsoft Sentinel
 * 功能将在中国 Azure 正式停用").
 */
export const CHINA_CLOUD_NAMES = ['AzureChinaCloud', 'AzureChina', 'China', 'Mooncake', 'AzureCloudChina'] as const;

/** Why AZURE_CLOUD refuses Azure China, in one line. */
export const CHINA_REFUSAL =
  'Microsoft Sentinel in Azure operated by 21Vianet (Azure China) was retired on 18 August 2026 (see docs.azure.cn/sentinel), so there is no ' +
  'workspace to connect there';
