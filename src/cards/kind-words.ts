import type { RequestKindView } from './views';

const NOUN: Record<RequestKindView, string> = {
  connect: 'Connect request',
  disconnect: 'Disconnect request',
  primary: 'Primary change request',
};

/** "Connect request", "Disconnect request" or "Primary change request". */
export function requestNoun(kind: RequestKindView): string {
  return NOUN[kind];
}
