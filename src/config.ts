import * as path from 'node:path';
import { z } from 'zod';

/** Where the bot keeps its state. */
export type DatabaseConfig =
  | { kind: 'sqlite'; path: string; url: string }
  | { kind: 'postgres'; url: string };

/** Everything the bot reads from the environment, validated once at start. */
export interface Config {
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Standard Bot Framework settings (the names Azure Bot Service uses). */
  bot: {
    appId: string;
    appPassword: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    appTenantId: string;
  };
  database: DatabaseConfig;
  /** `sandbox`: a simulated tenant; `live`: Azure and Graph through DefaultAzureCredential. */
  mode: 'sandbox' | 'live';
  sandbox: { tenantPath?: string; latencyMs: number; url?: string };
  verify: { pollSeconds: number; timeoutMinutes: number };
  requestExpiryHours: number;
}

/** A configuration problem, with one line that names the variable and what it accepts. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const intIn = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return fallback;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name}=${JSON.stringify(raw)} is not valid: use a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

const envSchema = z.object({
  PORT: intIn('PORT', 0, 65535, 3978),
  LOG_LEVEL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const level = (raw ?? '').trim().toLowerCase() || 'info';
      if (!(LOG_LEVELS as readonly string[]).includes(level)) {
        ctx.addIssue({ code: 'custom', message: `LOG_LEVEL=${JSON.stringify(raw)} is not valid: use one of ${LOG_LEVELS.join(', ')}` });
        return z.NEVER;
      }
      return level as Config['logLevel'];
    }),
  MicrosoftAppId: z.string().optional().transform((v) => (v ?? '').trim()),
  MicrosoftAppPassword: z.string().optional().transform((v) => v ?? ''),
  MicrosoftAppType: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return 'MultiTenant' as const;
      const match = APP_TYPES.find((t) => t.toLowerCase() === raw.trim().toLowerCase());
      if (!match) {
        ctx.addIssue({ code: 'custom', message: `MicrosoftAppType=${JSON.stringify(raw)} is not valid: use MultiTenant, SingleTenant or UserAssignedMSI` });
        return z.NEVER;
      }
      return match;
    }),
  MicrosoftAppTenantId: z.string().optional().transform((v) => (v ?? '').trim()),
  DATABASE_URL: z.string().optional(),
  SANDBOX_TENANT: z.string().optional(),
  SANDBOX_URL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return undefined;
      try {
        const url = new URL(raw.trim());
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
        return url.origin;
      } catch {
        ctx.addIssue({ code: 'custom', message: `SANDBOX_URL=${JSON.stringify(raw)} is not valid: use the http(s) URL that \`npm run sandbox\` printed, e.g. http://localhost:3979` });
        return z.NEVER;
      }
    }),
  SANDBOX_LATENCY_MS: intIn('SANDBOX_LATENCY_MS', 0, 60000, 0),
  VERIFY_POLL_SECONDS: intIn('VERIFY_POLL_SECONDS', 1, 3600, 30),
  VERIFY_TIMEOUT_MINUTES: intIn('VERIFY_TIMEOUT_MINUTES', 1, 10080, 360),
  REQUEST_EXPIRY_HOURS: intIn('REQUEST_EXPIRY_HOURS', 1, 720, 24),
});

/** Parses `DATABASE_URL`: `sqlite:path` (relative to `cwd` or absolute) or `postgres://…`. */
export function parseDatabaseUrl(raw: string | undefined, cwd: string): DatabaseConfig {
  const value = (raw ?? '').trim() || 'sqlite:./data/bot.db';
  const accepted = 'use sqlite:<file path> (e.g. sqlite:./data/bot.db) or postgres://user:password@host:5432/database';
  if (/^sqlite:/i.test(value)) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file.trim() === '') throw new ConfigError(`DATABASE_URL="${value}" has no file path: ${accepted}`);
    return { kind: 'sqlite', path: file === ':memory:' ? file : path.resolve(cwd, file), url: value };
  }
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      if (!url.hostname) throw new Error('no host');
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid PostgreSQL URL: ${accepted}`);
    }
    return { kind: 'postgres', url: value };
  }
  // Never echo a value that may hold a password; name the scheme only.
  const scheme = value.includes(':') ? value.split(':')[0] : value.slice(0, 20);
  throw new ConfigError(`DATABASE_URL with "${scheme}" is not supported: ${accepted}`);
}

/** True when the environment holds credentials that DefaultAzureCredential would use outside a developer machine. */
export function hasAzureCredentials(env: NodeJS.ProcessEnv): boolean {
  const set = (k: string) => (env[k] ?? '').trim() !== '';
  return (
    (set('AZURE_CLIENT_ID') && (set('AZURE_CLIENT_SECRET') || set('AZURE_CLIENT_CERTIFICATE_PATH') || set('AZURE_FEDERATED_TOKEN_FILE'))) ||
    set('IDENTITY_ENDPOINT') ||
    set('MSI_ENDPOINT') ||
    (env.AZURE_USE_DEFAULT_CREDENTIAL ?? '').toLowerCase() === 'true'
  );
}

/**
 * Reads and validates the configuration from `env` (pass your own in tests).
 * Throws a ConfigError whose message is one line naming the variable and what is accepted.
 */
export function readConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => i.message).join('; '));
  }
  const e = parsed.data;
  const sandboxTenant = (env.SANDBOX_TENANT ?? '').trim();
  const mode: Config['mode'] = sandboxTenant !== '' || e.SANDBOX_URL || !hasAzureCredentials(env) ? 'sandbox' : 'live';

  if (mode === 'live') {
    if (!e.MicrosoftAppId) {
      throw new ConfigError('MicrosoftAppId is required outside sandbox mode: set MicrosoftAppId (and MicrosoftAppPassword, or MicrosoftAppType=UserAssignedMSI) to the Azure Bot registration, or remove the Azure credentials to run the sandbox');
    }
    if (e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) {
      throw new ConfigError('MicrosoftAppPassword is required outside sandbox mode for MicrosoftAppType MultiTenant or SingleTenant: set it to the bot registration\'s client secret');
    }
  }
  if (e.MicrosoftAppType !== 'MultiTenant' && e.MicrosoftAppId && !e.MicrosoftAppTenantId) {
    throw new ConfigError(`MicrosoftAppTenantId is required when MicrosoftAppType=${e.MicrosoftAppType}: set it to the tenant id of the bot registration`);
  }

  return {
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    bot: { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appType: e.MicrosoftAppType, appTenantId: e.MicrosoftAppTenantId },
    database: parseDatabaseUrl(e.DATABASE_URL, cwd),
    mode,
    sandbox: {
      tenantPath: sandboxTenant ? path.resolve(cwd, sandboxTenant) : undefined,
      latencyMs: e.SANDBOX_LATENCY_MS,
      url: e.SANDBOX_URL,
    },
    verify: { pollSeconds: e.VERIFY_POLL_SECONDS, timeoutMinutes: e.VERIFY_TIMEOUT_MINUTES },
    requestExpiryHours: e.REQUEST_EXPIRY_HOURS,
  };
}
