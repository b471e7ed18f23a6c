import { Writable } from 'node:stream';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cardOf } from '../support/fake-connector';
import { cardText } from '../support/card-queries';
import { say } from '../support/drive';
import { startOnFixture } from '../support/fixture-bot';
import { USERS } from '../support/teams-activities';
import { runDoctorCommand } from '../../src/run-doctor';
import type { TenantFixture } from '../../src/sandbox';
import { V2, v2Tenant } from '../sandbox/v2-tenant';

const SUB = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0';
const GRAPH_PERMISSIONS = ['RoleManagement.Read.Directory', 'User.Read.All', 'GroupMember.Read.All', 'LicenseAssignment.Read.All', 'Application.Read.All'];

/** `npm run doctor` as an admin runs it, against the fixture (the real SDK clients and the in-process sandbox). */
async function doctor(tenant: TenantFixture): Promise<{ code: number; out: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doctor-'));
  const file = path.join(dir, 'tenant.json');
  fs.writeFileSync(file, JSON.stringify(tenant));
  let out = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  try {
    const code = await runDoctorCommand([], { env: { SANDBOX_TENANT: file, LOG_LEVEL: 'silent' }, cwd: dir, stdout: sink, stderr: sink });
    return { code, out };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The result word and title of every row of the printed report. */
const rows = (out: string): [string, string][] => [...out.matchAll(/^(Passed|Failed|Unknown) +(.+)$/gm)].map((m) => [m[1]!, m[2]!]);

describe('npm run doctor: one row per access the bot needs', () => {
  test('with everything granted, every row is Passed and the exit code is 0', async () => {
    const { code, out } = await doctor(v2Tenant((t) => (t.botAccess = { graph: GRAPH_PERMISSIONS, armReader: ['*'] })));
    expect(rows(out)).toEqual([
      ['Passed', 'Azure Resource Manager: Reader on the subscriptions'],
      ...GRAPH_PERMISSIONS.map((p): [string, string] => ['Passed', `Microsoft Graph: ${p} (application permission)`]),
    ]);
    expect(out).toMatch(/6 accesses: 6 passed · 0 failed · 0 unknown/);
    expect(out).toMatch(/belongs to another tenant \(Azure Lighthouse\)|belong to another tenant/);
    expect(code).toBe(0);
  });

  test.each(GRAPH_PERMISSIONS)('without %s, exactly that row is Failed, with how to grant it', async (missing) => {
    const { code, out } = await doctor(v2Tenant((t) => (t.botAccess = { graph: GRAPH_PERMISSIONS.filter((p) => p !== missing) })));
    const failed = rows(out).filter(([word]) => word !== 'Passed');
    expect(failed).toEqual([['Failed', `Microsoft Graph: ${missing} (application permission)`]]);
    const section = out.slice(out.indexOf(`Failed   Microsoft Graph: ${missing}`));
    expect(section).toMatch(/Authorization_RequestDenied/);
    expect(section).toMatch(
      new RegExp(`az ad app permission add --id <bot app id> --api 00000003-0000-0000-c000-000000000000 --api-permissions .*'${missing}'`),
    );
    expect(section).toMatch(/az ad app permission admin-consent --id <bot app id>/);
    expect(section).toContain(`Application permissions > ${missing} > Add permissions, then Grant admin consent`);
    expect(code).toBe(1);
  });

  test('Organization.Read.All stands in for LicenseAssignment.Read.All', async () => {
    const granted = [...GRAPH_PERMISSIONS.filter((p) => p !== 'LicenseAssignment.Read.All'), 'Organization.Read.All'];
    const { out } = await doctor(v2Tenant((t) => (t.botAccess = { graph: granted })));
    expect(rows(out).every(([word]) => word === 'Passed')).toBe(true);
  });

  test('without Reader anywhere, the Reader row is Failed with the az role assignment command', async () => {
    const { code, out } = await doctor(v2Tenant((t) => (t.botAccess = { armReader: [] })));
    expect(rows(out).filter(([word]) => word !== 'Passed')).toEqual([['Failed', 'Azure Resource Manager: Reader on the subscriptions']]);
    expect(out).toContain('az role assignment create --assignee <bot app id> --role Reader --scope /subscriptions/<subscription id>');
    expect(code).toBe(1);
  });
});

describe('`doctor` in Teams, and 403 advice that names the service and the permission', () => {
  test('`doctor` answers with the same rows as a card', async () => {
    const { t, cleanup } = await startOnFixture(
      v2Tenant((tenant) => (tenant.botAccess = { graph: GRAPH_PERMISSIONS.filter((p) => p !== 'Application.Read.All') })),
    );
    try {
      const text = cardText(cardOf(await say(t, USERS.lena, 'doctor'))!);
      expect(text).toMatch(/Microsoft Graph: Application\.Read\.All \(application permission\)[\s\S]*Failed/);
      expect(text).toMatch(/6 accesses: 5 passed · 1 failed · 0 unknown/);
      expect(text).toContain('az ad app permission admin-consent');
    } finally {
      await cleanup();
    }
  });

  test('a Graph 403 in a check names Microsoft Graph and the permission to grant', async () => {
    const { t, cleanup } = await startOnFixture(
      v2Tenant((tenant) => (tenant.botAccess = { graph: GRAPH_PERMISSIONS.filter((p) => p !== 'LicenseAssignment.Read.All') })),
    );
    try {
      const text = cardText(cardOf(await say(t, USERS.ravi, 'check law-soc-prod'))!);
      expect(text).toMatch(/Defender XDR connector[\s\S]*Unknown/);
      expect(text).toMatch(/Microsoft Graph refused the bot's read \(Authorization_RequestDenied\)/);
      expect(text).toMatch(/grant the bot's identity the Microsoft Graph application permission LicenseAssignment\.Read\.All, with admin consent/);
    } finally {
      await cleanup();
    }
  });

  test('an ARM 403 in a check names Azure Resource Manager, Reader and the subscription', async () => {
    const { t, cleanup } = await startOnFixture(v2Tenant((tenant) => (tenant.botAccess = { armReader: [V2.lighthouseSub] })));
    try {
      const text = cardText(
        cardOf(await say(t, USERS.ravi, `check /subscriptions/${SUB}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-prod`))!,
      );
      expect(text).toMatch(/Azure Resource Manager refused the bot's read \(AuthorizationFailed\): assign the bot's identity Reader on subscription d0cfe6b2/);
    } finally {
      await cleanup();
    }
  });
});
