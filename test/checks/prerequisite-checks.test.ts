import { AzureCallError } from '../../src/azure';
import { checkResultWord } from '../../src/cards';
import {
  azureRolesCheck,
  entraRoleCheck,
  oneConnectedCheck,
  sentinelCheck,
  workspaceCheck,
  xdrConnectorCheck,
  type PrerequisiteCheck,
} from '../../src/checks/prerequisite-checks';
import type { CheckOutcome } from '../../src/checks/readiness';
import { runReadinessChecks } from '../../src/checks/run-readiness-checks';
import { findConnectedWorkspaces } from '../../src/checks/find-connected-workspaces';
import type { Person, WorkspaceRef } from '../../src/workflow';
import { DANA, LENA, OPS, PROD, RAVI, sampleTenant, SOC_ANALYSTS, STAGING, startCheckSandbox, SUB, withCheckSandbox, type CheckSandbox } from './check-sandbox';

// Each prerequisite check over the simulated tenant, with the real adapters and real HTTP. The
// checks run as the bot runs them (runReadinessChecks, one deadline), one at a time.
interface Case {
  workspace?: WorkspaceRef;
  requester?: Person;
  recordedConnection?: WorkspaceRef | null;
}

async function decide(s: CheckSandbox, check: PrerequisiteCheck, c: Case = {}): Promise<CheckOutcome & { word: string }> {
  const report = await runReadinessChecks(s.arm, s.graph, {
    workspace: c.workspace ?? PROD,
    requester: c.requester ?? DANA,
    recordedConnection: c.recordedConnection ?? null,
    deadlineMs: 4_000,
    now: () => new Date(),
    checks: [check],
    homeTenantId: sampleTenant().tenantId,
  });
  expect(report.checks).toHaveLength(1);
  const outcome = report.checks[0]!;
  return { ...outcome, word: checkResultWord(outcome.result) };
}

/** A call behind the check fails past the SDK's retries: the check is Unknown, never Passed, and blocks when it blocks. */
async function expectUnknownOnFailure(s: CheckSandbox, check: PrerequisiteCheck, match: string, c: Case = {}): Promise<void> {
  await s.fault(match, 503);
  try {
    const outcome = await decide(s, check, c);
    expect(outcome.word).toBe('Unknown');
    expect(outcome.reason).toMatch(/^Could not check: /);
    expect(outcome.remediation?.url).toMatch(/^https:\/\//);
    // Run alone, the error comes out typed: nothing turns it into an answer.
    await expect(
      check.run({
        arm: s.arm,
        graph: s.graph,
        workspace: c.workspace ?? PROD,
        requester: c.requester ?? DANA,
        recordedConnection: null,
        findConnected: () => findConnectedWorkspaces(s.arm, s.graph),
      }),
    ).rejects.toBeInstanceOf(AzureCallError);
  } finally {
    await s.clearFaults();
  }
}

describe('prerequisite checks over the sandbox', () => {
  let s: CheckSandbox;
  beforeAll(async () => {
    const tenant = sampleTenant();
    // Lena holds Security Administrator through a group (fixture extension: groups with Entra roles).
    tenant.groups.push({ id: 'b0000000-0000-4000-8000-0000000050c1', displayName: 'Security admins', entraRoles: ['Security Administrator'] });
    tenant.users[2]!.groups.push('b0000000-0000-4000-8000-0000000050c1');
    tenant.subscriptions[0]!.roleAssignments.push(
      { principalId: LENA.id, role: 'User Access Administrator', scope: 'subscription' },
      { principalId: SOC_ANALYSTS, role: 'Microsoft Sentinel Contributor', scope: 'resourceGroup:rg-soc' },
      { principalId: DANA.id, role: 'Owner', scope: 'resourceGroup:rg-soc' },
    );
    // Lower-case states, as real tenants sometimes answer: compared case-insensitively.
    tenant.subscriptions[0]!.workspaces[1]!.dataConnectors = [{ kind: 'MicrosoftThreatProtection', incidents: 'enabled', alerts: 'disabled' }];
    s = await startCheckSandbox(tenant);
  });
  afterAll(() => s.close());

  describe('workspace', () => {
    test('Passed: the bot can read it', async () => {
      expect(await decide(s, workspaceCheck)).toMatchObject({
        word: 'Passed',
        blocking: true,
        reason: 'law-soc-prod exists in westeurope and the bot can read it.',
      });
    });
    test('Failed: not found', async () => {
      const outcome = await decide(s, workspaceCheck, { workspace: { ...PROD, name: 'law-missing' } });
      expect(outcome).toMatchObject({ word: 'Failed', reason: `${SUB}/rg-soc/law-missing was not found, or the bot cannot read it.` });
      expect(outcome.remediation?.url).toMatch(/^https:/);
    });
    test('Unknown when ARM does not answer', () => expectUnknownOnFailure(s, workspaceCheck, 'workspaces/law-soc-prod$'));
  });

  describe('sentinel', () => {
    test('Passed: onboardingStates/default exists', async () => {
      expect(await decide(s, sentinelCheck)).toMatchObject({ word: 'Passed', reason: 'Microsoft Sentinel is enabled on law-soc-prod.' });
    });
    test('Failed: not onboarded', async () => {
      expect(await decide(s, sentinelCheck, { workspace: OPS })).toMatchObject({
        word: 'Failed',
        reason: 'Microsoft Sentinel is not enabled on law-ops-metrics.',
      });
    });
    test('Unknown when ARM does not answer (a 503 is not "off")', () => expectUnknownOnFailure(s, sentinelCheck, 'onboardingStates'));
  });

  describe('xdr-connector', () => {
    test('Passed: incidents and alerts enabled', async () => {
      expect(await decide(s, xdrConnectorCheck)).toMatchObject({ word: 'Passed', reason: 'The Defender XDR connector has incidents and alerts enabled.' });
    });
    test('Failed: alerts off (states compared case-insensitively)', async () => {
      expect(await decide(s, xdrConnectorCheck, { workspace: STAGING })).toMatchObject({
        word: 'Failed',
        reason: 'The Defender XDR connector has alerts turned off.',
      });
    });
    test('Failed: no connector to read on a workspace without Sentinel', async () => {
      expect((await decide(s, xdrConnectorCheck, { workspace: OPS })).word).toBe('Failed');
    });
    test('Unknown when the connectors cannot be read', () => expectUnknownOnFailure(s, xdrConnectorCheck, 'dataConnectors'));
    test('Unknown when Graph cannot say whether the tenant has Defender XDR', () => expectUnknownOnFailure(s, xdrConnectorCheck, 'subscribedSkus'));
  });

  describe('one-connected', () => {
    test('Passed: nothing recorded, and Azure shows nothing connected', async () => {
      expect(await decide(s, oneConnectedCheck)).toMatchObject({ word: 'Passed', reason: 'No workspace of the tenant is connected to the Defender portal.' });
    });
    test('Failed: the bot recorded another workspace as connected', async () => {
      expect(await decide(s, oneConnectedCheck, { recordedConnection: STAGING })).toMatchObject({
        word: 'Failed',
        reason: `${SUB}/rg-soc/law-soc-staging is connected to the Defender portal.`,
      });
    });
    test('Passed, and marked already connected: this workspace is the recorded one (no other is)', async () => {
      expect(await decide(s, oneConnectedCheck, { recordedConnection: PROD })).toMatchObject({
        word: 'Passed',
        reason: 'law-soc-prod is already connected to the Defender portal: no other workspace is.',
        alreadyConnected: true,
      });
    });
    test('Unknown when the signals cannot be read: never "none connected"', () =>
      expectUnknownOnFailure(s, oneConnectedCheck, 'ResourceGraph|roleAssignments'));
  });

  describe('entra-role (information, not blocking)', () => {
    test('Passed: Security Administrator held directly', async () => {
      expect(await decide(s, entraRoleCheck, { requester: RAVI })).toMatchObject({
        word: 'Passed',
        blocking: false,
        reason: 'Ravi Menon holds Security Administrator in Microsoft Entra ID.',
      });
    });
    test('Passed: held through a group', async () => {
      expect((await decide(s, entraRoleCheck, { requester: LENA })).word).toBe('Passed');
    });
    test('Warning: neither role held', async () => {
      const outcome = await decide(s, entraRoleCheck, { requester: DANA });
      expect(outcome).toMatchObject({ word: 'Warning', reason: expect.stringContaining('holds neither Global Administrator nor Security Administrator') });
      expect(outcome.remediation?.text).toContain('Global Administrator or Security Administrator in Microsoft Entra ID');
    });
    test('Unknown when Graph does not answer', () => expectUnknownOnFailure(s, entraRoleCheck, 'directory/roleAssignments', { requester: RAVI }));
  });

  describe('azure-roles (information, not blocking)', () => {
    test('Passed: Owner on the subscription', async () => {
      const outcome = await decide(s, azureRolesCheck, { requester: RAVI });
      expect(outcome).toMatchObject({ word: 'Passed', blocking: false });
      expect(outcome.reason).toContain(`Owner on subscription ${SUB}`);
    });
    test('Passed: User Access Administrator on the subscription and Sentinel Contributor on the resource group, through a group', async () => {
      const outcome = await decide(s, azureRolesCheck, { requester: LENA });
      expect(outcome.word).toBe('Passed');
      expect(outcome.reason).toContain('Microsoft Sentinel Contributor on resource group rg-soc');
    });
    test('Warning: Owner on a resource group is not enough', async () => {
      const outcome = await decide(s, azureRolesCheck, { requester: DANA });
      expect(outcome).toMatchObject({ word: 'Warning', reason: expect.stringContaining('(Owner on a resource group or on the workspace is not enough)') });
      expect(outcome.remediation?.text).toContain('Microsoft Sentinel Contributor on the subscription, the resource group or the workspace');
    });
    test('Unknown when ARM does not answer', () => expectUnknownOnFailure(s, azureRolesCheck, 'roleAssignments', { requester: RAVI }));
  });
});

describe('prerequisite checks: tenant-wide cases', () => {
  test('xdr-connector is a Warning on the preview path (no Defender XDR), naming the extra step', async () => {
    const tenant = sampleTenant();
    tenant.defenderXdr = false;
    await withCheckSandbox(tenant, async (s) => {
      const outcome = await decide(s, xdrConnectorCheck);
      expect(outcome).toMatchObject({ word: 'Warning', blocking: true });
      expect(outcome.remediation?.text).toContain('Investigation & response > Incidents');
    });
  });

  test('one-connected with a connection made in the portal before the bot: Failed for another workspace, Passed (already connected) for it', async () => {
    const tenant = sampleTenant();
    tenant.connectedWorkspace = `${SUB}/rg-soc/law-soc-staging`;
    // The portal connects only a workspace whose connector has incidents on.
    tenant.subscriptions[0]!.workspaces[1]!.dataConnectors = [{ kind: 'MicrosoftThreatProtection', incidents: 'Enabled', alerts: 'Enabled' }];
    await withCheckSandbox(tenant, async (s) => {
      expect(await decide(s, oneConnectedCheck)).toMatchObject({ word: 'Failed', reason: 'Azure shows law-soc-staging as connected to the Defender portal.' });
      expect(await decide(s, oneConnectedCheck, { workspace: STAGING })).toMatchObject({
        word: 'Passed',
        reason: 'Azure shows law-soc-staging as already connected to the Defender portal: no other workspace is.',
        alreadyConnected: true,
      });
    });
  });
});
