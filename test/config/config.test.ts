import * as path from 'node:path';
import { parseDatabaseUrl, readConfig } from '../../src/config';
import { cleanEnv, runToExit } from '../support/run-bot-process';

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

  test('Azure credentials switch to live mode, where Bot Framework credentials are required', () => {
    const azure = { AZURE_CLIENT_ID: 'x', AZURE_TENANT_ID: 't', AZURE_CLIENT_SECRET: 's' };
    expect(() => readConfig(azure)).toThrow(/MicrosoftAppId is required outside sandbox mode/);
    expect(() => readConfig({ ...azure, MicrosoftAppId: 'app' })).toThrow(/MicrosoftAppPassword is required/);
    expect(readConfig({ ...azure, MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' }).mode).toBe('live');
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
    [{ MicrosoftAppId: 'a', MicrosoftAppType: 'SingleTenant' }, /MicrosoftAppTenantId is required when MicrosoftAppType=SingleTenant/],
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
    const result = await runToExit(cleanEnv({ AZURE_CLIENT_ID: 'x', AZURE_TENANT_ID: 't', AZURE_CLIENT_SECRET: 's' }));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/MicrosoftAppId is required outside sandbox mode/);
  });
});
