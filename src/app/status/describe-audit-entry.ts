import type { AuditEventView } from '../../cards';
import type { AuditRecord } from '../../store/store';
import { displayTime } from '../display-time';

/** What an audit entry was about: its request's kind and workspace, when it had one. */
export interface AuditSubject {
  kind: string;
  workspaceName: string;
}

const DONE: Record<string, (s: string) => string> = {
  create: (s) => `Started the ${s}`,
  set_reason: (s) => `Gave the reason for the ${s}`,
  submit: (s) => `Submitted the ${s} for approval`,
  approve: (s) => `Approved the ${s}`,
  reject: (s) => `Rejected the ${s}`,
  verified: (s) => `Verified in Azure: the ${s} is done`,
  verification_failed: (s) => `The portal step of the ${s} was not confirmed in time`,
  cancel: (s) => `Cancelled the ${s}`,
  expire: (s) => `The ${s} expired`,
};

const ATTEMPT: Record<string, string> = {
  create: 'start',
  set_reason: 'give the reason',
  submit: 'submit',
  approve: 'approve',
  reject: 'reject',
  verified: 'verify',
  verification_failed: 'fail',
  cancel: 'cancel',
  expire: 'expire',
};

/**
 * One audit entry in words, e.g. "Approved the disconnect request for law-soc-prod
 * (comment: …)" or "Refused to approve the connect request for law-soc-prod: …".
 * The texts go into TextRuns, so reasons and comments stay verbatim and inert.
 */
export function describeAuditEntry(record: AuditRecord, subject: AuditSubject | null): string {
  const what = subject ? `${subject.kind} request for ${subject.workspaceName}` : 'request';
  if (record.action === 'soc_channel.set') return 'Made this team channel the SOC channel';
  // Something the bot gave up on, e.g. a notification it could not deliver (dead-lettered).
  if (record.outcome === 'failed') return record.detail ?? `Could not ${record.action}`;
  if (record.outcome === 'refused') {
    const attempted = subject ? `${ATTEMPT[record.action] ?? record.action} the ${what}` : `${record.action}`;
    return `Refused to ${attempted}${record.detail ? `: ${record.detail}` : ''}`;
  }
  const describe = DONE[record.action];
  const base = describe ? describe(what) : `${record.action} (${record.fromState ?? '–'} → ${record.toState ?? '–'})`;
  if (!record.detail) return base;
  const label = record.action === 'set_reason' || record.action === 'submit' ? 'reason' : record.action === 'verification_failed' ? 'why' : 'comment';
  return `${base} (${label}: ${record.detail})`;
}

/** Who did it, for a card. */
function auditActorName(record: AuditRecord): string {
  return record.actor === 'system' ? 'The bot' : record.actor.name;
}

/** Audit entries as the status and history cards show them; subjects are looked up once per request. */
export async function auditEventViews(records: AuditRecord[], loadSubject: (requestId: string) => Promise<AuditSubject | null>): Promise<AuditEventView[]> {
  const ids = [...new Set(records.map((r) => r.requestId).filter((id): id is string => typeof id === 'string'))];
  const subjects = new Map(await Promise.all(ids.map(async (id) => [id, await loadSubject(id)] as const)));
  return records.map((r) => ({
    at: displayTime(r.at),
    actor: auditActorName(r),
    what: describeAuditEntry(r, r.requestId ? (subjects.get(r.requestId) ?? null) : null),
  }));
}
