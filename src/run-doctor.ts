import type { Writable } from 'node:stream';
import { accessReportText } from './app/doctor/access-report-text';
import { runDoctor } from './checks/doctor';
import { ConfigError, readConfig } from './config';
import { connectAzure } from './connect-azure';
import { createLogger } from './logger';

export interface DoctorIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: Writable;
  stderr: Writable;
}

/** How long the doctor waits for Azure and Graph in all. */
const DOCTOR_DEADLINE_MS = 20_000;

/**
 * `npm run doctor`: the bot's own access, read with the configuration the bot reads (the same
 * environment: BOT_MODE, the Azure credential, AZURE_CLOUD; in sandbox mode the sandbox, with
 * SANDBOX_TENANT or SANDBOX_URL), printed as the `doctor` command shows it. Returns the exit
 * code: 0 when every access passed, 1 when one failed or is unknown, 2 for a configuration error.
 */
export async function runDoctorCommand(args: string[], io: DoctorIo): Promise<number> {
  if (args.some((a) => a === '-h' || a === '--help')) {
    io.stdout.write("Usage: npm run doctor   checks the bot's own access to Azure and Microsoft Graph, with the configuration the bot reads\n");
    return 0;
  }
  let config;
  try {
    config = readConfig(io.env, io.cwd);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`Configuration error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const azure = await connectAzure(config, { logger: createLogger('silent') });
  try {
    const report = await runDoctor(azure.arm, azure.graph, {
      cloud: config.cloud,
      clientId: config.azureClientId,
      homeTenantId: azure.tenantId,
      deadlineMs: DOCTOR_DEADLINE_MS,
      now: () => new Date(),
    });
    const where = config.mode === 'sandbox' ? `Sandbox mode (${config.sandbox.url ?? config.sandbox.tenantPath ?? 'the built-in sample tenant'})` : 'Live mode';
    io.stdout.write(`${where}\n${accessReportText(report)}\n`);
    return report.rows.every((r) => r.result === 'pass') ? 0 : 1;
  } finally {
    await azure.sandboxListener?.close();
  }
}
