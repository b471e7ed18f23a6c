import { checkAllRow } from '../../src/app/connect/check-all-command';
import type { CheckOutcome, ReadinessReport } from '../../src/checks/readiness';

const outcome = (id: CheckOutcome['id'], result: CheckOutcome['result'], extra: Partial<CheckOutcome> = {}): CheckOutcome => ({
  id,
  title: `Check ${id}`,
  result,
  reason: `${id} is ${result}`,
  blocking: true,
  ...extra,
});

const report = (checks: CheckOutcome[]): ReadinessReport =>
  ({ workspace: { subscriptionId: 's', resourceGroup: 'rg', name: 'law-soc-prod' }, checks }) as unknown as ReadinessReport;

describe('check all: one row per workspace', () => {
  it('the connected workspace itself is Passed and says it is already connected, not ready to connect', () => {
    const row = checkAllRow(report([outcome('workspace', 'pass'), outcome('one-connected', 'pass', { alreadyConnected: true })]), 'rg · Sub');
    expect(row).toEqual({ workspaceName: 'law-soc-prod', where: 'rg · Sub', result: 'Passed', blockers: ['already connected to the Defender portal'] });
  });

  it('a connected workspace with a check that could not be decided stays Unknown', () => {
    const row = checkAllRow(report([outcome('tenant', 'unknown'), outcome('one-connected', 'pass', { alreadyConnected: true })]), 'rg · Sub');
    expect(row.result).toBe('Unknown');
    expect(row.blockers).toEqual(['Check tenant']);
  });

  it('a workspace that passes everything is Passed with nothing named', () => {
    expect(checkAllRow(report([outcome('workspace', 'pass'), outcome('one-connected', 'pass')]), 'rg · Sub')).toMatchObject({ result: 'Passed', blockers: [] });
  });
});
