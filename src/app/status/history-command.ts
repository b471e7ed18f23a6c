import type { TurnOrigin } from '../turn-origin';
import { renderHistoryCard } from '../../cards';
import type { AppContext } from '../context';
import { displayTime } from '../display-time';
import { PERSONAL_ONLY_MESSAGE } from '../turn-guards';
import { messageReply } from '../respond';
import type { Reply } from '../types';
import { auditEventViews } from './describe-audit-entry';
import { loadAuditSubject } from './load-audit-subject';

const HISTORY_DEFAULT = 20;
const HISTORY_MAX = 200;

/** Reads the `n` of `history [n]`: empty → the default; otherwise a whole number from 1 to HISTORY_MAX. */
export function parseHistoryCount(argument: string): { ok: true; n: number } | { ok: false; message: string } {
  const typed = argument.trim();
  if (typed === '') return { ok: true, n: HISTORY_DEFAULT };
  const n = /^\d{1,6}$/.test(typed) ? Number(typed) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > HISTORY_MAX) {
    const shown = typed.length > 20 ? `${typed.slice(0, 20)}…` : typed;
    return {
      ok: false,
      message:
        `"${shown}" is not a number of entries I can show: give a whole number from 1 to ${HISTORY_MAX}, e.g. \`history 50\`, or just ` +
        `\`history\` for the last ${HISTORY_DEFAULT}.`,
    };
  }
  return { ok: true, n };
}

/**
 * `history [n]` in 1:1: the tenant's last n audit entries (default 20), newest first,
 * refused attempts included. The full log is `npm run audit:export`.
 */
export async function historyCommand(ctx: AppContext, origin: TurnOrigin, argument: string): Promise<Reply[]> {
  if (origin.conversationType !== 'personal') return [{ text: PERSONAL_ONLY_MESSAGE('history') }];
  const count = parseHistoryCount(argument);
  if (!count.ok) return [messageReply({ title: 'How many entries?', text: count.message, style: 'warning' })];
  const records = await ctx.store.listAudit(origin.tenantId, count.n);
  const entries = await auditEventViews(records, (id) => loadAuditSubject(ctx, id));
  const intro =
    records.length < count.n
      ? `All ${records.length} entries of the audit log, newest first, refused attempts included.`
      : `The last ${records.length} entries of the audit log, newest first, refused attempts included. Type \`history ` +
        `${Math.min(HISTORY_MAX, count.n * 2)}\` for more.`;
  const card = renderHistoryCard({ intro, entries, asOf: displayTime(ctx.now().toISOString()) });
  return [{ card: card, summary: `Audit history: ${records.length} entries` }];
}
