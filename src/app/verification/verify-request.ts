import type { AlertRuleInfo, ArmPort, DataConnectorInfo } from '../../azure/ports';
import { comparePortalEffects, rulesStillOff } from '../../checks/approval-snapshot';
import { readConnectionSignals, type ConnectionSignals } from '../../checks/connection-signals';
import { memoizePorts } from '../../checks/memoize-ports';
import { describeCallError, isAzureFailure, whenAzureFails } from '../../checks/describe-call-error';
import { workspaceKey, type ConnectionRecord, type RequestChange } from '../../store/store';
import type { AppContext } from '../context';
import { applyRequestEvent, type ApplyOutcome } from '../apply-request-event';
import type { StoredRequest } from '../stored-request';
import { samePerson, type Person } from '../../workflow';

export type VerifyOutcome =
  | { kind: 'verified'; request: StoredRequest }
  | { kind: 'pending'; request: StoredRequest; text: string }
  | { kind: 'timed_out'; request: StoredRequest }
  | { kind: 'error'; request: StoredRequest; text: string }
  | { kind: 'refused'; outcome: Extract<ApplyOutcome, { ok: false }> };

/** What is still missing, in words, for the step to count as done. */
function missingSignals(kind: StoredRequest['kind'], s: ConnectionSignals): string {
  if (kind === 'disconnect') return 'The Defender XDR connector of the workspace still has incidents enabled: the portal has not disconnected it yet.';
  if (kind === 'primary') return 'The Defender XDR connector does not stream incidents into the workspace yet: the portal has not made it the primary.';
  const apps = s.appsWithoutPrincipal.length > 0 ? 'the Defender app that has a service principal' : 'both Defender apps';
  const missing = [
    s.appsHaveContributor ? null : `Microsoft Sentinel Contributor is not yet assigned to ${apps} on the subscription`,
    s.incidentRulesDisabled ? null : 'Microsoft incident creation rules are still enabled',
  ].filter(Boolean);
  return `Not connected yet: ${missing.join('; ')}.${appsWithoutPrincipalNote(s)}`;
}

/**
 * Why a Defender app cannot get its role: it has no service principal in the tenant (the portal
 * can assign a role only to a principal that exists), so the bot waits for the others' role.
 */
function appsWithoutPrincipalNote(s: ConnectionSignals): string {
  if (s.appsWithoutPrincipal.length === 0) return '';
  const names = s.appsWithoutPrincipal.map((a) => `${a.name} (app ${a.appId})`).join(' and ');
  // Short enough for the card's line: the portal step card shows this text whole.
  return s.appsWithoutPrincipal.length === 2
    ? ` Neither Defender app has a service principal in this tenant (${names}): check that Microsoft Defender XDR is set up for the tenant.`
    : ` ${names} has no service principal in this tenant, so the portal cannot give it the role; the bot checks the other app only.`;
}

/**
 * Checks an approved request's portal step against Azure signals. Connect: both apps
 * hold Sentinel Contributor on the subscription and no incident creation rule is
 * enabled. Disconnect: connector incidents no longer on. A verified
 * step completes the request and records (or clears) the tenant's connection.
 */
export async function verifyRequest(ctx: AppContext, request: StoredRequest, clickedBy?: Person): Promise<VerifyOutcome> {
  const now = ctx.now();
  // One round of calls: the Overview counts are read with the signals, sharing the connectors call.
  const { arm, graph } = memoizePorts(ctx.arm, ctx.graph);
  const countsRead = request.kind === 'connect' ? overviewCounts(arm, request) : Promise.resolve({});
  let signals: ConnectionSignals;
  try {
    signals = await readConnectionSignals(arm, graph, request.workspace);
  } catch (err) {
    if (!isAzureFailure(err)) throw err;
    return { kind: 'error', request, text: `Could not verify: ${describeCallError(err)}. The bot will try again.` };
  }
  // The portal's own effects of Connect; the connector condition only serves to recognise connections made outside the bot.
  const approver = 'decision' in request ? request.decision?.by : undefined;
  const approverConfirms = !!(clickedBy && approver && samePerson(clickedBy, approver));
  if (request.kind === 'disconnect' && request.role === 'secondary' && !approverConfirms) {
    // A secondary's disconnect changes nothing Azure shows: only the approver who did the step can confirm it.
    return {
      kind: 'pending',
      request,
      text:
        'Azure cannot show the disconnect of a secondary workspace. After disconnecting it in the portal (System > Settings > Microsoft ' +
        'Sentinel > Workspaces), the approver confirms it with Check now.',
    };
  }
  const done = portalStepDone(request, signals);
  if (done && invisibleToAzure(request) && !approverConfirms) {
    // Nothing Azure shows changes on Connect here: only the approver who did the step can confirm it.
    return {
      kind: 'pending',
      request,
      text:
        'Azure cannot show this connection: the Defender apps already held their role and the workspace had no incident creation rule to ' +
        'deactivate. After connecting in the portal, the approver confirms it with Check now.',
    };
  }
  if (!done) {
    const approvedAt = 'decision' in request && request.decision ? new Date(request.decision.at).getTime() : now.getTime();
    if (now.getTime() - approvedAt > ctx.config.verify.timeoutMinutes * 60_000) {
      const message =
        `The portal step was not confirmed by Azure within ${ctx.config.verify.timeoutMinutes} minutes. ` +
        (request.kind === 'primary'
          ? 'Open the Defender portal > System > Settings > Microsoft Sentinel > Workspaces to see which workspace is the primary; if it did not ' +
            'change, run `primary` again.'
          : request.kind === 'connect'
            ? 'Open the Defender portal > System > Settings > Microsoft Sentinel > Workspaces to see whether the workspace is connected; if not, run ' +
              '`connect` again.'
            : 'Open the Defender portal > System > Settings > Microsoft Sentinel > Workspaces to see whether it is still connected; if so, run ' +
              '`disconnect` again.');
      const failed = await applyRequestEvent(
        ctx,
        request,
        { type: 'verification_failed', at: now.toISOString(), message, expectedVersion: request.version },
        'system',
      );
      return failed.ok ? { kind: 'timed_out', request: failed.request } : { kind: 'refused', outcome: failed };
    }
    return { kind: 'pending', request, text: missingSignals(request.kind, signals) };
  }
  const counts = await countsRead;
  // The signals were read with these two calls: memoized, they cost nothing more.
  const [rulesNow, connectorsNow] = await Promise.all([arm.listAlertRules(request.workspace), arm.listDataConnectors(request.workspace)]);
  const records = request.workspaceModel === 'multi' ? await ctx.store.listConnections(request.tenantId) : [];
  const outcome = await applyRequestEvent(ctx, request, { type: 'verified', at: now.toISOString(), expectedVersion: request.version }, 'system', {
    notificationExtra: counts,
    decorate: (next) => recordEffects(next, rulesNow, connectorsNow),
    connection: () => connectionChange(request, now.toISOString(), records),
  });
  return outcome.ok ? { kind: 'verified', request: outcome.request } : { kind: 'refused', outcome };
}

/**
 * Whether Azure shows the portal step done. Connect (primary or secondary): both apps hold Sentinel
 * Contributor and no incident creation rule is enabled. A change of primary: the Defender XDR
 * connector streams incidents into the new primary. Disconnect: the connector no longer does
 * (a secondary's is confirmed by its approver, see above).
 */
function portalStepDone(request: StoredRequest, signals: ConnectionSignals): boolean {
  switch (request.kind) {
    case 'connect':
      return signals.appsHaveContributor && signals.incidentRulesDisabled;
    case 'primary':
      return signals.connectorIncidentsOn;
    case 'disconnect':
      return request.role === 'secondary' || !signals.connectorIncidentsOn;
  }
}

/** The connection change a verified request commits, by its workspace model. */
function connectionChange(request: StoredRequest, at: string, records: ConnectionRecord[]): RequestChange['connection'] {
  const decision = 'decision' in request ? request.decision : undefined;
  const key = workspaceKey(request.workspace);
  const record: ConnectionRecord = {
    tenantId: request.tenantId,
    workspaceKey: key,
    workspace: request.workspace,
    connectedAt: at,
    connectedBy: decision?.by ?? null,
    approvedBy: decision?.by ?? null,
    requestedBy: request.requester,
    requestId: request.id,
  };
  if (request.workspaceModel !== 'multi') return request.kind === 'connect' ? { set: record } : { clear: true };
  switch (request.kind) {
    case 'connect':
      return { add: { ...record, role: request.role ?? 'primary' } };
    case 'disconnect':
      return { remove: key };
    case 'primary': {
      // A secondary connected in the portal has no record: the bot saw it become the primary, not its connect.
      const existing = records.find((r) => r.workspaceKey === key) ?? { ...record, connectedAt: '', connectedBy: null, approvedBy: null, requestId: null };
      return { promote: { ...existing, role: 'primary', primarySince: at, primaryBy: decision?.by ?? null } };
    }
  }
}

/**
 * What the verified step did, kept on the request for its posts: for a connect, what the portal
 * turned off (what the bot saw before, compared with Azure now); for a disconnect, the rules of
 * its checklist that are still off.
 */
function recordEffects(next: StoredRequest, rulesNow: AlertRuleInfo[], connectorsNow: DataConnectorInfo[]): StoredRequest {
  if (next.kind === 'disconnect') {
    if (!next.rollback?.rules) return next;
    return { ...next, rollback: { ...next.rollback, rules: rulesStillOff(next.rollback.rules, rulesNow) } };
  }
  const before = stateBeforeConnecting(next);
  return before ? { ...next, portalTurnedOff: comparePortalEffects(before, rulesNow, connectorsNow) } : next;
}

/**
 * The rules and connectors that were on before connecting: the snapshot at approval, else (a
 * snapshot read that ran late) what the requester saw at submit; undefined when neither has them.
 */
function stateBeforeConnecting(request: StoredRequest): Parameters<typeof comparePortalEffects>[0] | undefined {
  const snapshot = request.approvalSnapshot;
  if (snapshot?.rulesEnabled) return { basis: 'approval', rules: snapshot.rulesEnabled, connectors: snapshot.connectors };
  const impact = request.readiness?.productChanges.impact;
  if (impact?.fusionRules && impact.incidentCreationRules) {
    return { basis: 'submit', rules: [...impact.fusionRules, ...impact.incidentCreationRules], connectors: snapshot?.connectors ?? null };
  }
  return undefined;
}

/**
 * True when connecting changes no signal Azure shows: no enabled incident creation rule
 * to deactivate, and the apps' role already (or possibly) in place from an earlier connection.
 */
function invisibleToAzure(request: StoredRequest): boolean {
  const changes = request.readiness?.productChanges;
  return (
    request.kind === 'connect' && (!changes || (changes.rulesKnown && changes.rulesToDeactivate.length === 0 && changes.appsAlreadyContributors !== false))
  );
}

/** What the portal's Overview shows for the workspace: data connector and automation rule counts. */
async function overviewCounts(arm: ArmPort, request: StoredRequest): Promise<{ dataConnectorCount?: number; automationRuleCount?: number }> {
  const [connectors, automation] = await Promise.all([
    arm.listDataConnectors(request.workspace).catch(whenAzureFails(null)),
    arm.listAutomationRules(request.workspace).catch(whenAzureFails(null)),
  ]);
  return {
    ...(connectors ? { dataConnectorCount: connectors.length } : {}),
    ...(automation ? { automationRuleCount: automation.length } : {}),
  };
}
