import {
  createArmAdapter,
  createGraphAdapter,
  createLiveCredential,
  createSandboxCredential,
  watchCredential,
  type ArmPort,
  type CredentialHealth,
  type GraphPort,
} from './azure';
import type { Config } from './config';
import type { Logger } from './logger';
import { createSandbox, loadTenantFixture, type Sandbox } from './sandbox';
import { listenSandbox, type SandboxListener } from './server/listen-sandbox';

/** The bot's way to Azure and Graph, as the configuration says: the sandbox's or the cloud's. */
export interface AzureConnection {
  arm: ArmPort;
  graph: GraphPort;
  /** The Entra tenant the ports read: the fixture's in sandbox mode, the bot's own in live mode. */
  tenantId: string | null;
  /** The in-process sandbox (sandbox mode without SANDBOX_URL). */
  sandbox: Sandbox | null;
  sandboxListener: SandboxListener | null;
  /** Live mode: whether the credential gets its tokens (started by the caller). */
  credentialHealth: CredentialHealth | null;
}

export interface ConnectAzureOptions {
  logger: Logger;
  /** Live mode: how often a credential that failed is tried again. */
  credentialRetryMs?: number;
}

/**
 * Builds the ARM and Graph ports from the configuration, as the bot and `npm run doctor` both
 * need them. Sandbox mode: the fixture (SANDBOX_TENANT or the sample) in process on a private
 * port, or the standalone sandbox at SANDBOX_URL. Live mode: DefaultAzureCredential at the
 * cloud's authority, the cloud's ARM and Graph endpoints and scopes; it never falls back to the sandbox.
 */
export async function connectAzure(config: Config, options: ConnectAzureOptions): Promise<AzureConnection> {
  const { cloud } = config;
  const onResourceGraphFallback = (operation: string, err: Error) =>
    options.logger.warn({ operation, err: err.message }, 'Resource Graph was refused or did not answer: reading subscription by subscription instead');
  if (config.mode === 'sandbox') {
    const tenant = loadTenantFixture(config.sandbox.tenantPath);
    let sandbox: Sandbox | null = null;
    let sandboxListener: SandboxListener | null = null;
    if (!config.sandbox.url) {
      sandbox = createSandbox({ tenant, latencyMs: config.sandbox.latencyMs, pageSize: config.sandbox.pageSize, throttle: config.sandbox.throttle });
      // The bot's own Azure clients use a private port, which stays up while the public one drains at shutdown.
      sandboxListener = await listenSandbox(sandbox);
    }
    const origin = config.sandbox.url ?? sandboxListener!.origin;
    const credential = createSandboxCredential();
    return {
      arm: createArmAdapter({ cloud, endpoint: `${origin}/sandbox/arm`, credential, insecureSandbox: origin.startsWith('http:'), onResourceGraphFallback }),
      graph: createGraphAdapter({ cloud, baseUrl: `${origin}/sandbox/graph`, credential }),
      tenantId: tenant.tenantId.toLowerCase(),
      sandbox,
      sandboxListener,
      credentialHealth: null,
    };
  }
  const credential = createLiveCredential(cloud);
  const credentialHealth = watchCredential(
    credential,
    [
      { service: 'Azure Resource Manager', scope: cloud.armScope },
      { service: 'Microsoft Graph', scope: cloud.graphScope },
    ],
    { logger: options.logger, retryMs: options.credentialRetryMs },
  );
  return {
    arm: createArmAdapter({ cloud, credential, onResourceGraphFallback }),
    graph: createGraphAdapter({ cloud, credential }),
    tenantId: config.tenants.own,
    sandbox: null,
    sandboxListener: null,
    credentialHealth,
  };
}
