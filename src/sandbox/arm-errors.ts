import { API_VERSIONS, type ArmResourceType } from './api-versions';
import { armError, type EmulatedResponse } from './emulated-response';

/**
 * ARM's error answers, with the codes and messages the real service sends.
 * Envelope `{"error":{"code","message"}}` everywhere.
 */

/**
 * An api-version the type does not publish: ARM's 400 InvalidApiVersionParameter ("The api-version '…'
 * is invalid. The supported versions are '…'.": microsoft/azure-pipelines-extensions#929,
 * pulumi/pulumi-azure-native#3637), for every type, as the sandbox contract fixes it. The real
 * resource providers (OperationalInsights, SecurityInsights) may answer NoRegisteredProviderFound
 * instead (Azure/azure-rest-api-specs#22203, Azure/Azure-Landing-Zones#428); the bot reads both as
 * Unknown, and the fault tests send that body too. `location` is kept for that variant's wording.
 */
export function unsupportedApiVersion(type: ArmResourceType, version: string, _location: string): EmulatedResponse {
  const supported = [...API_VERSIONS[type]].reverse();
  if (!version) {
    return armError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
  }
  return armError(400, 'InvalidApiVersionParameter', `The api-version '${version}' is invalid. The supported versions are '${supported.join(',')}'.`);
}

/** 403 for a read the caller has no role for (wortell/AZSentinel#80 has the wording). */
export function authorizationFailed(clientId: string, objectId: string, action: string, scope: string): EmulatedResponse {
  return armError(
    403,
    'AuthorizationFailed',
    `The client '${clientId}' with object id '${objectId}' does not have authorization to perform action '${action}' over scope '${scope}' ` +
      'or the scope is invalid. If access was recently granted, please refresh your credentials.',
  );
}

/** 404 for a resource that does not exist (Azure/azure-cli-extensions#5318 has the wording). */
export function resourceNotFound(type: string, name: string, resourceGroup?: string): EmulatedResponse {
  const where = resourceGroup === undefined ? '' : ` under resource group '${resourceGroup}'`;
  return armError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name}'${where} was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

/**
 * A list of connectors, rules or automation rules on a workspace without Microsoft
 * Sentinel: 400 BadRequest whose message is itself a JSON error
 * (hashicorp/terraform-provider-azurerm#20661; the 2025 wording from iknowjason/PurpleCloud#42).
 */
export function notOnboarded(workspaceName: string): EmulatedResponse {
  const inner =
    `Workspace '${workspaceName}' is not onboarded to Microsoft Sentinel. Please onboard through the portal ` +
    '(https://learn.microsoft.com/en-us/azure/sentinel/quickstart-onboard) or use the OnboardingStates ARM api to onboard to Sentinel ' +
    '(https://learn.microsoft.com/en-us/rest/api/securityinsights/sentinel-onboarding-states/create?view=rest-securityinsights-2024-03-01).';
  return armError(400, 'BadRequest', JSON.stringify({ error: { code: 'BadRequest', message: inner } }));
}
