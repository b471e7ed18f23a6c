import type { AdaptiveCard } from './adaptive-card';
import { asCardProse, DISPLAY_LIMITS, factRows, present, truncate } from './display-text';
import { foldToFit } from './card-size';
import { expandCard } from './load-template';
import { rollbackSectionData } from './rollback-rows';
import type { ConnectedWorkspaceView, StatusView } from './views';

const KIND_WORD = { connect: 'Connect', disconnect: 'Disconnect', primary: 'Make primary' } as const;

/** A secondary workspace in one fact: its name, since when, by whom. */
function secondaryFact(w: ConnectedWorkspaceView): [string, string, number] {
  if (w.candidate) return ['Secondary?', `${w.workspaceName} (no record: Azure shows a secondary's signals)`, DISPLAY_LIMITS.line];
  const approved = w.approvedBy ? `, approved by ${w.approvedBy}` : '';
  return ['Secondary', `${w.workspaceName} (since ${w.since}, connected by ${w.connectedBy}${approved})`, DISPLAY_LIMITS.line];
}

/** The `status` card: connected workspace or none, open requests, last state changes. */
export function renderStatusCard(view: StatusView): AdaptiveCard {
  const connected = view.connected;
  const openRequests = view.openRequests.map((r) => ({
    kind: KIND_WORD[r.kind],
    workspaceName: truncate(r.workspaceName, DISPLAY_LIMITS.workspaceName),
    state: truncate(r.state, DISPLAY_LIMITS.shortWord),
    age: truncate(r.age, DISPLAY_LIMITS.shortWord),
  }));
  const events = view.recentEvents.map((e) => ({
    at: truncate(e.at, DISPLAY_LIMITS.shortWord),
    actor: truncate(e.actor, DISPLAY_LIMITS.name),
    what: truncate(e.what, DISPLAY_LIMITS.line),
  }));
  // Open requests are few by the one-at-a-time rule, but every requester may hold a draft: fold what does not fit.
  return foldToFit(openRequests, (shown, folded) =>
    expandCard('status', {
      hasConnected: connected !== undefined,
      connectedFacts: connected
        ? factRows([
            ['Role', connected.role, DISPLAY_LIMITS.shortWord],
            ['Workspace', connected.workspaceName, DISPLAY_LIMITS.workspaceName],
            ['Resource id', connected.workspaceId, DISPLAY_LIMITS.resourceId, 'id'],
            ['Connected since', connected.since, DISPLAY_LIMITS.shortWord],
            ['Connected by', connected.connectedBy, DISPLAY_LIMITS.name],
            ['Approved by', connected.approvedBy, DISPLAY_LIMITS.name],
            ['Primary since', connected.primarySince, DISPLAY_LIMITS.shortWord],
            ['Made primary by', connected.primaryBy, DISPLAY_LIMITS.name],
            ...(view.secondaries ?? []).map(secondaryFact),
          ])
        : [],
      hasOpenRequests: shown.length > 0,
      openRequests: shown,
      hasFoldedRequests: folded > 0,
      foldedRequestsText: `…and ${folded} more open ${folded === 1 ? 'request' : 'requests'} (drafts), left out to keep this card within Teams' size limit.`,
      hasEvents: events.length > 0,
      events,
      hasConnectionNote: present(view.connectionNote),
      connectionNote: truncate(asCardProse(view.connectionNote), DISPLAY_LIMITS.line),
      ...rollbackSectionData(
        view.rollback?.checklist,
        'after',
        view.rollback && `After the disconnect of ${view.rollback.workspaceName} (${view.rollback.disconnectedAt}): turn back on by hand`,
      ),
      hasAsOf: present(view.asOf),
      asOf: truncate(view.asOf, DISPLAY_LIMITS.shortWord),
    }),
  );
}
