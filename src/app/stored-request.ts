import type { ReadinessReport } from '../checks/readiness';
import type { ConnectionRequest } from '../workflow';

/** The latest verification of a portal step, as shown on the portal-step card. */
export interface VerificationNote {
  at: string;
  text: string;
  verified: boolean;
}

/** A request as the bot stores it: the workflow's request plus what the cards need. */
export type StoredRequest = ConnectionRequest & {
  /** Connect: the readiness report the requester saw (refreshed at submit). */
  readiness?: ReadinessReport;
  lastVerification?: VerificationNote;
};
