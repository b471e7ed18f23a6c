import * as path from 'node:path';
import { z } from 'zod';
import { CHINA_CLOUD_NAMES, CHINA_REFUSAL, CLOUD_NAMES, cloudFor, GOV_ENVIRONMENTS, type Cloud } from './clouds';

/** Where the bot keeps its state. */
export type DatabaseConfig =
  | { kind: 'sqlite'; path: string; url: string; /** DATABASE_MAX_MB, in bytes: a cap on the file's size. */ maxBytes?: number }
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
  /**
   * The Entra tenants whose Teams activities the bot serves: its own (live: AZURE_TENANT_ID, else
   * MicrosoftAppTenantId; sandbox: the fixture's, added at start) plus ALLOWED_TENANT_IDS, lower case.
   */
  tenants: { own: string | null; allowed: string[] };
  /** SANDBOX_PAGE_SIZE: ARM items per page; SANDBOX_THROTTLE: ARM read throttling (in-process sandbox only). */
  sandbox: { tenantPath?: string; latencyMs: number; url?: string; pageSize: number; throttle: boolean };
  verify: { pollSeconds: number; timeoutMinutes: number };
  requestExpiryHours: number;
  /** AZURE_CLOUD (and AZURE_GOV_ENVIRONMENT): ARM, Graph, token scopes, authority and portal links. */
  cloud: Cloud;
  /** WORKSPACE_MODEL: `single` (one workspace at a time, the default) or `multi` (one primary, any number of secondaries). */
  workspaceModel: 'single' | 'multi';
  /** Live mode: AZURE_CLIENT_ID, the app (client) id of the bot's Azure identity, when it is set (the doctor's commands name it). */
  azureClientId: string | null;
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

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
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
  MicrosoftAppId: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim()),
  MicrosoftAppPassword: z
    .string()
    .optional()
    .transform((v) => v ?? ''),
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
  MicrosoftAppTenantId: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim()),
  BOT_MODE: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = (raw ?? '').trim().toLowerCase();
      if (value === '') return undefined;
      if (value !== 'sandbox' && value !== 'live') {
        ctx.addIssue({
          code: 'custom',
          message: `BOT_MODE=${JSON.stringify(raw)} is not valid: use sandbox or live, or leave it unset to choose from the credentials`,
        });
        return z.NEVER;
      }
      return value as Config['mode'];
    }),
  ALLOWED_TENANT_IDS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const ids = (raw ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');
      const bad = ids.find((id) => !GUID.test(id));
      if (bad !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `ALLOWED_TENANT_IDS has ${JSON.stringify(bad.slice(0, 60))}, which is not a tenant id: list Entra tenant ids (GUIDs), separated by commas`,
        });
        return z.NEVER;
      }
      return ids.map((id) => id.toLowerCase());
    }),
  DATABASE_URL: z.string().optional(),
  DATABASE_MAX_MB: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return undefined;
      const mb = Number(raw);
      if (!Number.isFinite(mb) || mb <= 0 || mb > 1_000_000) {
        ctx.addIssue({
          code: 'custom',
          message: `DATABASE_MAX_MB=${JSON.stringify(raw)} is not valid: use a size in megabytes greater than 0 (e.g. 512), or leave it unset for no cap`,
        });
        return z.NEVER;
      }
      return Math.floor(mb * 1024 * 1024);
    }),
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
        ctx.addIssue({
          code: 'custom',
          message: `SANDBOX_URL=${JSON.stringify(raw)} is not valid: use the http(s) URL that \`npm run sandbox\` printed, e.g. http://localhost:3979`,
        });
        return z.NEVER;
      }
    }),
  SANDBOX_LATENCY_MS: intIn('SANDBOX_LATENCY_MS', 0, 60000, 0),
  SANDBOX_PAGE_SIZE: intIn('SANDBOX_PAGE_SIZE', 1, 1000, 50),
  SANDBOX_THROTTLE: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = (raw ?? '').trim().toLowerCase() || 'on';
      if (value !== 'on' && value !== 'off') {
        ctx.addIssue({ code: 'custom', message: `SANDBOX_THROTTLE=${JSON.stringify(raw)} is not valid: use on (ARM read throttling, the default) or off` });
        return z.NEVER;
      }
      return value === 'on';
    }),
  AZURE_CLOUD: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = (raw ?? '').trim();
      if (value === '') return 'AzurePublicCloud' as const;
      const match = CLOUD_NAMES.find((n) => n.toLowerCase() === value.toLowerCase());
      if (match) return match;
      const china = CHINA_CLOUD_NAMES.some((n) => n.toLowerCase() === value.toLowerCase());
      ctx.addIssue({
        code: 'custom',
        message: china
          ? `AZURE_CLOUD=${JSON.stringify(raw)} is refused: ${CHINA_REFUSAL}. Use ${CLOUD_NAMES.join(' or ')}`
          : `AZURE_CLOUD=${JSON.stringify(raw)} is not valid: use ${CLOUD_NAMES.join(' (the default) or ')}`,
      });
      return z.NEVER;
    }),
  AZURE_GOV_ENVIRONMENT: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = (raw ?? '').trim();
      if (value === '') return undefined;
      const match = GOV_ENVIRONMENTS.find((n) => n.toLowerCase() === value.toLowerCase());
      if (!match) {
        ctx.addIssue({
          code: 'custom',
          message: `AZURE_GOV_ENVIRONMENT=${JSON.stringify(raw)} is not valid: use GCCHigh (the default) or DoD, with AZURE_CLOUD=AzureUSGovernment`,
        });
        return z.NEVER;
      }
      return match;
    }),
  WORKSPACE_MODEL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = (raw ?? '').trim().toLowerCase() || 'single';
      if (value !== 'single' && value !== 'multi') {
        ctx.addIssue({
          code: 'custom',
          message:
            `WORKSPACE_MODEL=${JSON.stringify(raw)} is not valid: use single (one workspace connected at a time, the default) or multi ` +
            '(one primary and any number of secondary workspaces, as the Defender portal connects them today)',
        });
        return z.NEVER;
      }
      return value;
    }),
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

/** Applies DATABASE_MAX_MB, which only SQLite supports (PostgreSQL has its own quotas). */
function withSizeCap(database: DatabaseConfig, maxBytes: number | undefined): DatabaseConfig {
  if (maxBytes === undefined) return database;
  if (database.kind !== 'sqlite')
    throw new ConfigError("DATABASE_MAX_MB applies to a SQLite DATABASE_URL only: unset it, or use your PostgreSQL server's own limits");
  return { ...database, maxBytes };
}

/**
 * The variables through which `DefaultAzureCredential` (or a managed identity) finds a credential.
 * Any of them set means "this bot is meant to reach Azure": live mode, unless BOT_MODE says otherwise.
 */
export const AZURE_CREDENTIAL_VARIABLES = [
  'AZURE_CLIENT_ID',
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_FEDERATED_TOKEN_FILE',
  'IDENTITY_ENDPOINT',
  'MSI_ENDPOINT',
] as const;

const isSet = (env: NodeJS.ProcessEnv, name: string): boolean => (env[name] ?? '').trim() !== '';

/** True when any Azure credential variable is set (or AZURE_USE_DEFAULT_CREDENTIAL=true asks for the full chain). */
export function hasAzureCredentials(env: NodeJS.ProcessEnv): boolean {
  return AZURE_CREDENTIAL_VARIABLES.some((name) => isSet(env, name)) || (env.AZURE_USE_DEFAULT_CREDENTIAL ?? '').trim().toLowerCase() === 'true';
}

/**
 * Which mode the environment asks for (README, "Modes"). BOT_MODE decides when set; without it,
 * SANDBOX_TENANT or SANDBOX_URL means sandbox, and so does the absence of both a MicrosoftAppId and
 * every Azure credential variable; anything else is live. BOT_MODE=live with SANDBOX_* is refused.
 */
export function chooseMode(env: NodeJS.ProcessEnv, botMode: Config['mode'] | undefined): Config['mode'] {
  const sandboxNamed = isSet(env, 'SANDBOX_TENANT') || isSet(env, 'SANDBOX_URL');
  if (botMode === 'live' && sandboxNamed) {
    const names = ['SANDBOX_TENANT', 'SANDBOX_URL'].filter((n) => isSet(env, n)).join(' and ');
    throw new ConfigError(`BOT_MODE=live cannot use a simulated tenant, but ${names} is set: unset ${names} to run live, or set BOT_MODE=sandbox`);
  }
  if (botMode) return botMode;
  if (sandboxNamed) return 'sandbox';
  return isSet(env, 'MicrosoftAppId') || hasAzureCredentials(env) ? 'live' : 'sandbox';
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
  const mode = chooseMode(env, e.BOT_MODE);

  let ownTenant: string | null = null;
  if (mode === 'live') {
    if (!e.MicrosoftAppId) {
      throw new ConfigError(
        'MicrosoftAppId is required in live mode: set MicrosoftAppId (and MicrosoftAppPassword, or MicrosoftAppType=UserAssignedMSI) to the Azure Bot ' +
          'registration, or set BOT_MODE=sandbox to run the simulated tenant',
      );
    }
    if (e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) {
      throw new ConfigError(
        "MicrosoftAppPassword is required in live mode for MicrosoftAppType MultiTenant or SingleTenant: set it to the bot registration's client secret",
      );
    }
    const tenant = (env.AZURE_TENANT_ID ?? '').trim() || e.MicrosoftAppTenantId;
    if (!tenant) {
      throw new ConfigError(
        "The bot's own tenant is unknown: set AZURE_TENANT_ID (or MicrosoftAppTenantId) to your Microsoft Entra tenant id; live mode serves only that " +
          'organisation',
      );
    }
    if (!GUID.test(tenant)) {
      const name = (env.AZURE_TENANT_ID ?? '').trim() ? 'AZURE_TENANT_ID' : 'MicrosoftAppTenantId';
      throw new ConfigError(`${name}=${JSON.stringify(tenant.slice(0, 60))} is not a tenant id: use your Microsoft Entra tenant id (a GUID)`);
    }
    ownTenant = tenant.toLowerCase();
  }
  if (e.MicrosoftAppType !== 'MultiTenant' && e.MicrosoftAppId && !e.MicrosoftAppTenantId) {
    throw new ConfigError(`MicrosoftAppTenantId is required when MicrosoftAppType=${e.MicrosoftAppType}: set it to the tenant id of the bot registration`);
  }

  if (e.AZURE_GOV_ENVIRONMENT && e.AZURE_CLOUD !== 'AzureUSGovernment') {
    throw new ConfigError(
      `AZURE_GOV_ENVIRONMENT=${e.AZURE_GOV_ENVIRONMENT} applies to AZURE_CLOUD=AzureUSGovernment only: set AZURE_CLOUD=AzureUSGovernment, or unset ` +
        'AZURE_GOV_ENVIRONMENT',
    );
  }

  return {
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    bot: { appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appType: e.MicrosoftAppType, appTenantId: e.MicrosoftAppTenantId },
    database: withSizeCap(parseDatabaseUrl(e.DATABASE_URL, cwd), e.DATABASE_MAX_MB),
    mode,
    tenants: { own: ownTenant, allowed: e.ALLOWED_TENANT_IDS },
    sandbox: {
      tenantPath: sandboxTenant ? path.resolve(cwd, sandboxTenant) : undefined,
      latencyMs: e.SANDBOX_LATENCY_MS,
      url: e.SANDBOX_URL,
      pageSize: e.SANDBOX_PAGE_SIZE,
      throttle: e.SANDBOX_THROTTLE,
    },
    verify: { pollSeconds: e.VERIFY_POLL_SECONDS, timeoutMinutes: e.VERIFY_TIMEOUT_MINUTES },
    requestExpiryHours: e.REQUEST_EXPIRY_HOURS,
    cloud: cloudFor(e.AZURE_CLOUD, e.AZURE_GOV_ENVIRONMENT),
    workspaceModel: e.WORKSPACE_MODEL,
    azureClientId: mode === 'live' ? (env.AZURE_CLIENT_ID ?? '').trim() || null : null,
  };
}
