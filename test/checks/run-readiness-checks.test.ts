import { runReadinessChecks } from '../../src/checks/run-readiness-checks';
import { DANA, PROD, sampleTenant, withCheckSandbox } from './check-sandbox';

describe('runReadinessChecks: every check under one deadline; an error is never a pass', () => {
  test('Azure answering after the deadline makes every check Unknown, and nothing can be submitted', async () => {
    await withCheckSandbox(
      sampleTenant(),
      async (s) => {
        const started = Date.now();
        const report = await runReadinessChecks(s.arm, s.graph, {
          workspace: PROD,
          requester: DANA,
          recordedConnection: null,
          deadlineMs: 300,
          now: () => new Date(),
        });
        expect(Date.now() - started).toBeLessThan(1_500);
        expect(report.checks.map((c) => [c.id, c.result])).toEqual([
          ['workspace', 'unknown'],
          ['tenant', 'unknown'],
          ['sentinel', 'unknown'],
          ['xdr-connector', 'unknown'],
          ['one-connected', 'unknown'],
          ['entra-role', 'unknown'],
          ['azure-roles', 'unknown'],
        ]);
        expect(report.checks.every((c) => c.reason === 'Could not check: Azure did not answer in time.')).toBe(true);
        expect(report.canSubmit).toBe(false);
      },
      { latencyMs: 1_500 },
    );
  });

  test('without faults the sample workspace passes its blocking checks', async () => {
    await withCheckSandbox(sampleTenant(), async (s) => {
      const report = await runReadinessChecks(s.arm, s.graph, {
        workspace: PROD,
        requester: DANA,
        recordedConnection: null,
        deadlineMs: 4_000,
        now: () => new Date(),
        homeTenantId: sampleTenant().tenantId,
      });
      expect(report.checks.filter((c) => c.blocking).map((c) => c.result)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
      expect(report.canSubmit).toBe(true);
    });
  });

  test('a fault of the bot itself (not Azure) is not turned into an answer', async () => {
    await withCheckSandbox(sampleTenant(), async (s) => {
      const broken = { ...s.arm, getWorkspace: async () => Promise.reject(new TypeError('a bug')) };
      await expect(
        runReadinessChecks(broken, s.graph, { workspace: PROD, requester: DANA, recordedConnection: null, deadlineMs: 4_000, now: () => new Date() }),
      ).rejects.toThrow('a bug');
    });
  });
});
