import * as fs from 'node:fs';
import * as path from 'node:path';
import { AZURE_CREDENTIAL_VARIABLES, parseDatabaseUrl, readConfig } from '../../src/config';
import { cleanEnv, ROOT, runToExit } from '../support/run-bot-process';

const OWN_TENANT = '0a1b2c3d-0000-4000-8000-0000000000aa';
const OTHER_TENANT = '0a1b2c3d-0000-4000-8000-0000000000bb';
const APP_ID = '9b5a3f4e-0000-4000-8000-00000000b07a';

describe('readConfig', () => {
  test('defaults: port 3978, SQLite under ./data, sandbox mode without Azure credentials', () => {
    const config = readConfig({}, '/srv/bot');
    expect(config.port).toBe(3978);
    expect(config.database).toEqual({ kind: 'sqlite', path: path.resolve('/srv/bot', 'data/bot.db'), url: 'sqlite:./data/bot.db' });
    expect(config.mode).toBe('sandbox');
    expect(config.verify).toEqual({ pollSeconds: 30, timeoutMinutes: 360 });
    expect(config.requestExpiryHours).toBe(24);
    expect(config.bot.appType).toBe('MultiTenant');
  });

  test('WORKSPACE_MODEL: single by default, multi on request, anything else a start error saying what is accepted', () => {
    expect(readConfig({}).workspaceModel).toBe('single');
    expect(readConfig({ WORKSPACE_MODEL: ' Multi ' }).workspaceModel).toBe('multi');
    expect(readConfig({ WORKSPACE_MODEL: 'single' }).workspaceModel).toBe('single');
    expect(() => readConfig({ WORKSPACE_MODEL: 'many' })).toThrow(/^WORKSPACE_MODEL="many" is not valid: use single .* or multi /);
  });

  test('Azure credentials switch to live mode, where Bot Framework credentials and the own tenant are required', () => {
    const azure = { AZURE_CLIENT_ID: 'x', AZURE_TENANT_ID: OWN_TENANT, AZURE_CLIENT_SECRET: 's' };
    expect(() => readConfig(azure)).toThrow(/MicrosoftAppId is required in live mode/);
    expect(() => readConfig({ ...azure, MicrosoftAppId: 'app' })).toThrow(/MicrosoftAppPassword is required/);
    const live = readConfig({ ...azure, MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' });
    expect(live.mode).toBe('live');
    expect(live.tenants).toEqual({ own: OWN_TENANT, allowed: [] });
  });

  test('live mode refuses to start when it cannot tell its own tenant', () => {
    const bot = { MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' };
    expect(() => readConfig(bot)).toThrow(/^The bot's own tenant is unknown: set AZURE_TENANT_ID \(or MicrosoftAppTenantId\)/);
    expect(() => readConfig({ ...bot, AZURE_TENANT_ID: 'contoso' })).toThrow(/AZURE_TENANT_ID="contoso" is not a tenant id/);
    // AZURE_TENANT_ID wins over MicrosoftAppTenantId; either names the organisation served.
    expect(readConfig({ ...bot, MicrosoftAppTenantId: OTHER_TENANT.toUpperCase() }).tenants.own).toBe(OTHER_TENANT);
    expect(readConfig({ ...bot, MicrosoftAppTenantId: OTHER_TENANT, AZURE_TENANT_ID: OWN_TENANT }).tenants.own).toBe(OWN_TENANT);
  });

  test('ALLOWED_TENANT_IDS lists more tenants (GUIDs, comma-separated); anything else is refused', () => {
    expect(readConfig({ ALLOWED_TENANT_IDS: ` ${OWN_TENANT.toUpperCase()}, ${OTHER_TENANT} ,` }).tenants.allowed).toEqual([OWN_TENANT, OTHER_TENANT]);
    expect(() => readConfig({ ALLOWED_TENANT_IDS: `${OWN_TENANT},fabrikam` })).toThrow(/ALLOWED_TENANT_IDS has "fabrikam", which is not a tenant id/);
  });

  test('DATABASE_MAX_MB caps a SQLite file and is refused for PostgreSQL', () => {
    expect(readConfig({ DATABASE_MAX_MB: '2' }, '/srv').database).toMatchObject({ kind: 'sqlite', maxBytes: 2 * 1024 * 1024 });
    expect(() => readConfig({ DATABASE_MAX_MB: 'lots' })).toThrow(/DATABASE_MAX_MB="lots" is not valid/);
    expect(() => readConfig({ DATABASE_MAX_MB: '2', DATABASE_URL: 'postgres://u:p@db/bot' })).toThrow(/DATABASE_MAX_MB applies to a SQLite DATABASE_URL only/);
  });

  test('SANDBOX_TENANT forces sandbox mode even with Azure credentials', () => {
    const config = readConfig({ AZURE_CLIENT_ID: 'x', AZURE_CLIENT_SECRET: 's', SANDBOX_TENANT: 'tenant.json' }, '/srv');
    expect(config.mode).toBe('sandbox');
    expect(config.sandbox.tenantPath).toBe(path.resolve('/srv', 'tenant.json'));
  });

  test.each([
    [{ PORT: 'abc' }, /PORT="abc" is not valid: use a whole number from 0 to 65535/],
    [{ PORT: '70000' }, /PORT="70000"/],
    [{ SANDBOX_LATENCY_MS: '-1' }, /SANDBOX_LATENCY_MS/],
    [{ VERIFY_POLL_SECONDS: '0' }, /VERIFY_POLL_SECONDS/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud" is not valid: use one of fatal, error/],
    [{ MicrosoftAppType: 'Whatever' }, /MicrosoftAppType="Whatever" is not valid: use MultiTenant, SingleTenant or UserAssignedMSI/],
    [{ BOT_MODE: 'sandbox', MicrosoftAppId: 'a', MicrosoftAppType: 'SingleTenant' }, /MicrosoftAppTenantId is required when MicrosoftAppType=SingleTenant/],
    [{ BOT_MODE: 'cloud' }, /BOT_MODE="cloud" is not valid: use sandbox or live/],
    [{ SANDBOX_URL: 'ftp://x' }, /SANDBOX_URL="ftp:\/\/x" is not valid/],
  ])('%j is refused with a line naming the variable', (env, message) => {
    expect(() => readConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });

  test('DATABASE_URL accepts sqlite: paths and postgres URLs, refuses others without echoing secrets', () => {
    expect(parseDatabaseUrl('sqlite:/var/lib/bot.db', '/x')).toMatchObject({ kind: 'sqlite', path: '/var/lib/bot.db' });
    expect(parseDatabaseUrl('postgres://u:p@db:5432/bot', '/x')).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/bot' });
    expect(() => parseDatabaseUrl('sqlite:', '/x')).toThrow(/has no file path/);
    expect(() => parseDatabaseUrl('mysql://root:hunter2@db/bot', '/x')).toThrow(/"mysql" is not supported: use sqlite:/);
    try {
      parseDatabaseUrl('mysql://root:hunter2@db/bot', '/x');
    } catch (err) {
      expect(String(err)).not.toContain('hunter2');
    }
  });
});

describe('the bot process refuses a bad configuration at start', () => {
  test('a bad DATABASE_URL exits non-zero with one clear line', async () => {
    const result = await runToExit(cleanEnv({ DATABASE_URL: 'mongodb://admin:secret@db/bot', PORT: '0' }));
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^Configuration error: DATABASE_URL with "mongodb" is not supported: use sqlite:/);
    expect(result.stderr).not.toContain('secret');
  });

  test('a bad PORT exits non-zero with one clear line', async () => {
    const result = await runToExit(cleanEnv({ PORT: 'eighty' }));
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe('Configuration error: PORT="eighty" is not valid: use a whole number from 0 to 65535');
  });

  test('live mode without Bot Framework credentials refuses to start', async () => {
    const result = await runToExit(cleanEnv({ AZURE_CLIENT_ID: 'x', AZURE_TENANT_ID: OWN_TENANT, AZURE_CLIENT_SECRET: 's' }));
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toMatch(/^Configuration error: MicrosoftAppId is required in live mode/);
  });

  test('a user-assigned managed identity with a bot registration is live, never the sandbox: without its tenant it refuses to start', async () => {
    const result = await runToExit(cleanEnv({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'p', AZURE_CLIENT_ID: 'mi-client-id', PORT: '0' }));
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^Configuration error: The bot's own tenant is unknown/);
    expect(result.stdout).not.toMatch(/sandbox/);
  });
});

describe('the mode table of the README', () => {
  type Cell = 'set' | 'unset' | 'any' | string;
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const lines = readme.split('\n');
  const header = lines.findIndex((l) => l.startsWith('| `BOT_MODE` | `SANDBOX_TENANT` or `SANDBOX_URL` |'));
  const rows = lines
    .slice(header + 2)
    .filter((_, i, all) => all.slice(0, i + 1).every((l) => l.startsWith('|')))
    .map(
      (l) =>
        l
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim().replace(/`/g, '')) as [Cell, Cell, Cell, Cell, string],
    );

  const BOT_MODES = [undefined, 'sandbox', 'live'] as const;
  const SANDBOX = [{}, { SANDBOX_TENANT: 'tenant.json' }, { SANDBOX_URL: 'http://localhost:3979' }];
  const APP = [{}, { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'p', MicrosoftAppTenantId: OWN_TENANT }];
  const AZURE = [{}, ...AZURE_CREDENTIAL_VARIABLES.map((name) => ({ [name]: name === 'AZURE_TENANT_ID' ? OWN_TENANT : '/some/value' }))];
  const matches = (cell: Cell, value: string | undefined, isSet: boolean) =>
    cell === 'any' || (cell === 'set' ? isSet : cell === 'unset' ? !isSet : cell === value);

  test('lists seven rules', () => {
    expect(rows).toHaveLength(7);
  });

  const combinations = BOT_MODES.flatMap((mode) => SANDBOX.flatMap((sandbox) => APP.flatMap((app) => AZURE.map((azure) => ({ mode, sandbox, app, azure })))));
  test.each(combinations)('%j gives the mode of the first matching row', ({ mode, sandbox, app, azure }) => {
    const env: NodeJS.ProcessEnv = { ...(mode ? { BOT_MODE: mode } : {}), ...sandbox, ...app, ...azure };
    const row = rows.find(
      ([m, s, a, z]) =>
        matches(m, mode, mode !== undefined) &&
        matches(s, undefined, Object.keys(sandbox).length > 0) &&
        matches(a, undefined, 'MicrosoftAppId' in app) &&
        matches(z, undefined, Object.keys(azure).length > 0),
    );
    expect(row).toBeDefined();
    const expected = row![4];
    if (expected === 'refused at start') {
      expect(() => readConfig(env, '/srv')).toThrow(/^BOT_MODE=live cannot use a simulated tenant, but SANDBOX_/);
    } else if (expected === 'live' && !('MicrosoftAppId' in app)) {
      // Live, but without the bot registration it needs: a start refusal naming it.
      expect(() => readConfig(env, '/srv')).toThrow(/^MicrosoftAppId is required in live mode/);
    } else {
      expect(readConfig(env, '/srv').mode).toBe(expected);
    }
  });
});
