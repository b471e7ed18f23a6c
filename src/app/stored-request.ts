import type { ApprovalSnapshot, PortalTurnedOff, SnapshotRule } from '../checks/approval-snapshot';
import type { ApproverList } from '../checks/list-approvers';
import type { ReadinessReport } from '../checks/readiness';
import type { ConnectionRequest } from '../workflow';

/** The latest verification of a portal step, as shown on the portal-step card. */
export interface VerificationNote {
  at: string;
  text: string;
  verified: boolean;
}

/**
 * What connecting turned off, to turn back on by hand after a disconnect (the docs do not say
 * whether disconnecting brings them back). `rules` is null when they could not be read.
 */
export interface RollbackChecklist {
  /** `snapshot`: from the connect request that made the connection; `current-state`: the workspace's rules as they are (a connection made outside the bot). */
  source: 'snapshot' | 'current-state';
  rules: SnapshotRule[] | null;
  at: string;
  /** The multi model: the workspace was a secondary (no Defender XDR connector of its own; its standalone connectors were removed). */
  secondary?: true;
}

/** A request as the bot stores it: the workflow's request plus what the cards need. */
export type StoredRequest = ConnectionRequest & {
  /** Connect: the readiness report the requester saw (refreshed at submit). */
  readiness?: ReadinessReport;
  lastVerification?: VerificationNote;
  /** Who may decide, as worked out at submit (the approval card names them; the SOC post mentions them). */
  approvers?: ApproverList;
  /** Connect: what the bot saw when the approver approved. */
  approvalSnapshot?: ApprovalSnapshot;
  /** Connect, once verified: what the portal turned off (the snapshot compared with Azure at verification). */
  portalTurnedOff?: PortalTurnedOff;
  /** Disconnect: what connecting turned off, to turn back on by hand. */
  rollback?: RollbackChecklist;
};
