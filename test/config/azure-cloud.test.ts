import { readConfig } from '../../src/config';
import { cleanEnv, runToExit } from '../support/run-bot-process';

describe('AZURE_CLOUD', () => {
  test('defaults to the public cloud', () => {
    const { cloud } = readConfig({});
    expect(cloud).toMatchObject({
      name: 'AzurePublicCloud',
      armEndpoint: 'https://management.azure.com',
      armScope: 'https://management.azure.com/.default',
      graphEndpoint: 'https://graph.microsoft.com',
      graphScope: 'https://graph.microsoft.com/.default',
      authorityHost: 'https://login.microsoftonline.com',
      defenderPortal: 'https://security.microsoft.com',
    });
  });

  test('AzureUSGovernment moves ARM, Graph, token scopes, the authority and the portals (GCC High, or DoD)', () => {
    expect(readConfig({ AZURE_CLOUD: 'AzureUSGovernment' }).cloud).toMatchObject({
      armEndpoint: 'https://management.usgovcloudapi.net',
      armScope: 'https://management.usgovcloudapi.net/.default',
      graphEndpoint: 'https://graph.microsoft.us',
      graphScope: 'https://graph.microsoft.us/.default',
      authorityHost: 'https://login.microsoftonline.us',
      azurePortal: 'https://portal.azure.us',
      defenderPortal: 'https://security.microsoft.us',
    });
    expect(readConfig({ AZURE_CLOUD: 'azureusgovernment', AZURE_GOV_ENVIRONMENT: 'DoD' }).cloud).toMatchObject({
      graphEndpoint: 'https://dod-graph.microsoft.us',
      defenderPortal: 'https://security.apps.mil',
    });
  });

  test('another value, or AZURE_GOV_ENVIRONMENT outside Azure Government, is refused naming what is accepted', () => {
    expect(() => readConfig({ AZURE_CLOUD: 'AzureGermanCloud' })).toThrow(
      /AZURE_CLOUD="AzureGermanCloud" is not valid: use AzurePublicCloud \(the default\) or AzureUSGovernment/,
    );
    expect(() => readConfig({ AZURE_GOV_ENVIRONMENT: 'DoD' })).toThrow(/AZURE_GOV_ENVIRONMENT=DoD applies to AZURE_CLOUD=AzureUSGovernment only/);
  });

  test('Azure China is refused at start with the reason: Microsoft Sentinel there was retired', async () => {
    expect(() => readConfig({ AZURE_CLOUD: 'AzureChinaCloud' })).toThrow(
      /Microsoft Sentinel in Azure operated by 21Vianet \(Azure China\) was retired on 18 August 2026/,
    );
    const result = await runToExit(cleanEnv({ AZURE_CLOUD: 'AzureChinaCloud', PORT: '0' }));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^Configuration error: AZURE_CLOUD="AzureChinaCloud" is refused: Microsoft Sentinel in Azure operated by 21Vianet/);
  });
});
