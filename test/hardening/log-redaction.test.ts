import { runWithCorrelationId } from '../../src/logger';
import { channelMessage, personalMessage, USERS } from '../support/teams-activities';
import { startTestBot } from '../support/test-bot';
import { captureLogs } from '../support/capture-logs';

const capture = () => captureLogs('debug');

const SECRETS = {
  password: 'pg-pass-Z9x!q',
  jwt: 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJhdWQiOiJib3QiLCJpc3MiOiJ4In0.c2lnbmF0dXJlLXZhbHVl',
  clientSecret: 'client-secret-8Q~abc',
  appPassword: 'app-password-77~xyz',
  accountKey: 'acct-key-0a1b2c3d4e5f==',
};

describe('logs', () => {
  test('are JSON, and secrets never appear: tokens, passwords, Authorization headers, connection strings', () => {
    const { logger, lines, records } = capture();
    logger.info(
      { headers: { authorization: `Bearer ${SECRETS.jwt}`, Authorization: `Bearer ${SECRETS.jwt}`, 'content-type': 'application/json' } },
      'incoming request',
    );
    logger.info(
      { token: SECRETS.jwt, accessToken: SECRETS.jwt, config: { MicrosoftAppPassword: SECRETS.appPassword, clientSecret: SECRETS.clientSecret } },
      'settings',
    );
    logger.info(
      {
        DATABASE_URL: `postgres://bot:${SECRETS.password}@db.internal:5432/bot`,
        connectionString: `DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${SECRETS.accountKey}`,
      },
      'store',
    );
    logger.error({ err: new Error(`connect ECONNREFUSED postgres://bot:${SECRETS.password}@10.0.0.5:5432/bot`) }, 'store failed');
    logger.error(new Error(`could not open postgresql://admin:${SECRETS.password}@db/x`));
    logger.warn(`call failed with Authorization: Bearer ${SECRETS.jwt} and url https://login.example/token?client_secret=${SECRETS.clientSecret}&x=1`);
    logger.child({ databaseUrl: `postgres://u:${SECRETS.password}@h/db` }).info('child logger');
    logger.info({ nested: { deeper: { password: SECRETS.password, list: [{ secret: SECRETS.clientSecret }] } } }, 'nested');

    expect(lines.length).toBe(8);
    const all = lines.join('\n');
    for (const [name, secret] of Object.entries(SECRETS)) expect({ name, leaked: all.includes(secret) }).toEqual({ name, leaked: false });
    // What is not secret stays readable.
    const recs = records();
    expect(recs[0]).toMatchObject({ msg: 'incoming request', headers: { 'content-type': 'application/json' } });
    expect(JSON.stringify(recs[3])).toContain('ECONNREFUSED postgres://bot:[redacted]@10.0.0.5:5432/bot');
    expect(recs[4]).toMatchObject({ level: 50, err: { type: 'Error' } });
  });

  test('every line of a turn carries its correlation id; different turns have different ones', async () => {
    const { logger, records } = capture();
    runWithCorrelationId('turn-1', () => logger.info('a'));
    runWithCorrelationId('turn-2', () => logger.info('b'));
    logger.info('outside');
    expect(records().map((r) => r.correlationId)).toEqual(['turn-1', 'turn-2', undefined]);

    const { logger: botLogger, records: botRecords } = capture();
    const t = await startTestBot({}, { logger: botLogger });
    try {
      const activity = channelMessage(t.serviceUrl, USERS.dana, 'notify here');
      await t.send(activity);
      await t.send({ ...personalMessage(t.serviceUrl, USERS.dana, 'x'), conversation: 5 });
      const turnLines = botRecords().filter((r) => r.correlationId === activity.id);
      expect(turnLines.map((r) => r.msg)).toContain('SOC channel set');
      const refused = botRecords().find((r) => r.msg === 'activity refused: malformed');
      expect(refused?.correlationId).toEqual(expect.any(String));
      expect(refused?.correlationId).not.toBe(activity.id);
    } finally {
      await t.stop();
    }
  });
});
