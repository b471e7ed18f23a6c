import { renderAccessReportCard, type AccessReportView } from '../../cards';
import { runDoctor, type AccessReport } from '../../checks/doctor';
import { CHECK_DEADLINE_MS } from '../budgets';
import type { AppContext } from '../context';
import { displayTime } from '../display-time';
import type { Reply } from '../types';
import { accessResultWord, accessTitle, accessTotals } from './access-report-text';

/** The doctor report as the card shows it. */
export function accessReportView(report: AccessReport): AccessReportView {
  return {
    cloud: report.cloud,
    checkedAt: displayTime(report.checkedAt),
    rows: report.rows.map((row) => ({
      title: accessTitle(row),
      result: accessResultWord(row.result),
      purpose: row.purpose,
      reason: row.reason,
      commands: row.result === 'pass' ? [] : (row.grant?.cli ?? []),
      ...(row.grant && row.result !== 'pass' ? { portal: row.grant.portal, url: row.grant.url } : {}),
    })),
  };
}

/**
 * Runs the doctor with the ports as they read now (no inventory cache): the same report as
 * `npm run doctor`, for the configuration the bot runs with.
 */
export function doctorReport(ctx: AppContext): Promise<AccessReport> {
  const { arm, graph } = ctx.direct ?? ctx;
  return runDoctor(arm, graph, {
    cloud: ctx.config.cloud,
    clientId: ctx.config.azureClientId,
    homeTenantId: ctx.config.azureTenantId,
    deadlineMs: CHECK_DEADLINE_MS,
    now: ctx.now,
  });
}

/** `doctor`, anywhere: the bot's own access, one row per access it needs, with how to grant what is missing. */
export async function doctorCommand(ctx: AppContext): Promise<Reply[]> {
  const report = await doctorReport(ctx);
  return [{ card: renderAccessReportCard(accessReportView(report)), summary: `The bot's own access: ${accessTotals(report)}` }];
}
