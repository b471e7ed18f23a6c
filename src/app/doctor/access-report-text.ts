import type { AccessReport, AccessResult } from '../../checks/doctor';
import { displayTime } from '../display-time';

const WORD: Record<AccessResult, 'Passed' | 'Failed' | 'Unknown'> = { pass: 'Passed', fail: 'Failed', unknown: 'Unknown' };

/** The result word of a doctor row, as the card and the terminal show it. */
export const accessResultWord = (result: AccessResult): 'Passed' | 'Failed' | 'Unknown' => WORD[result];

/** A row's title: the service and the exact access ("Microsoft Graph: RoleManagement.Read.Directory"). */
export const accessTitle = (row: AccessReport['rows'][number]): string =>
  `${row.service}: ${row.service === 'Microsoft Graph' ? `${row.permission} (application permission)` : `${row.permission} on the subscriptions`}`;

/** The totals line: "5 accesses: 4 passed · 1 failed · 0 unknown". */
export function accessTotals(report: AccessReport): string {
  const count = (r: AccessResult) => report.rows.filter((row) => row.result === r).length;
  return `${report.rows.length} accesses: ${count('pass')} passed · ${count('fail')} failed · ${count('unknown')} unknown`;
}

/**
 * The doctor report as plain text for a terminal (`npm run doctor`): the same rows as the card,
 * each result word first, then why, then how to grant what is missing.
 */
export function accessReportText(report: AccessReport): string {
  const lines = [`The bot's own access. Cloud: ${report.cloud}. Checked ${displayTime(report.checkedAt)}.`, ''];
  for (const row of report.rows) {
    lines.push(`${accessResultWord(row.result).padEnd(8)} ${accessTitle(row)}`);
    lines.push(`         ${row.reason}`);
    lines.push(`         Used for: ${row.purpose}.`);
    if (row.grant && row.result !== 'pass') {
      lines.push('         Grant it with the Azure CLI:');
      for (const command of row.grant.cli) lines.push(`           ${command}`);
      lines.push(`         Or in the portal: ${row.grant.portal}`);
      lines.push(`         See ${row.grant.url}`);
    }
    lines.push('');
  }
  lines.push(accessTotals(report));
  return lines.join('\n');
}
