import { AzureCallError } from '../azure/ports';
import { DOC_LINKS } from './doc-links';
import type { Remediation } from './readiness';

/** Why a check could not be decided, in one line, from the error of the call behind it (with Azure's error code). */
export function describeCallError(err: unknown): string {
  if (err instanceof DeadlineExceeded) return 'Azure did not answer in time';
  if (!(err instanceof AzureCallError)) return 'the check failed unexpectedly';
  const base = describeKind(err);
  return err.code && err.kind !== 'credential' ? `${base} (${err.code})` : base;
}

function describeKind(err: AzureCallError): string {
  switch (err.kind) {
    case 'forbidden':
      return `${err.service ?? 'Azure'} did not let the bot read this (access denied)`;
    case 'throttled':
      return 'Azure is throttling requests';
    case 'unavailable':
      return 'Azure did not answer (service unavailable)';
    case 'timeout':
      return 'Azure did not answer in time';
    case 'malformed':
      return 'Azure sent an answer the bot could not read';
    case 'credential':
      return err.message;
    case 'not-found':
      return 'Azure reported the resource as not found';
    default:
      return 'the call to Azure failed';
  }
}

/** The subscription an ARM refusal names (`over scope '/subscriptions/…'`, or the operation's words), if any. */
function subscriptionOf(err: AzureCallError): string | undefined {
  return /\/subscriptions\/([0-9a-f-]{36})/i.exec(err.message)?.[1] ?? /subscription ([0-9a-f-]{36})/i.exec(err.operation)?.[1];
}

/**
 * What to do when Azure or Graph refused the bot (403): names the service that refused and what
 * the bot's identity needs there — a Graph application permission, or an Azure role — and how.
 */
export function accessRemediation(err: AzureCallError): Remediation {
  if (err.service === 'Microsoft Graph') {
    const permission = err.permission ?? 'the application permission this read needs';
    return {
      text:
        `Microsoft Graph refused the bot's read${err.code ? ` (${err.code})` : ''}: grant the bot's identity the Microsoft Graph application ` +
        `permission ${permission}, with admin consent, then check again (\`doctor\` shows how).`,
      url: DOC_LINKS.graphPermissions,
    };
  }
  const subscription = subscriptionOf(err);
  const where = subscription ? `subscription ${subscription}` : 'the subscription';
  return {
    text:
      `Azure Resource Manager refused the bot's read${err.code ? ` (${err.code})` : ''}: assign the bot's identity ${err.permission ?? 'Reader'} on ` +
      `${where} (or on a management group above it), then check again (\`doctor\` shows how).`,
    url: DOC_LINKS.azureRoleAssignCli,
  };
}

/** What to do when a check could not be decided. */
export function retryRemediation(err: unknown): Remediation {
  if (err instanceof AzureCallError && err.kind === 'forbidden') return accessRemediation(err);
  if (err instanceof AzureCallError && err.kind === 'credential') {
    return { text: "Fix the bot's Azure credential (see the message), then check again.", url: DOC_LINKS.onboard };
  }
  return { text: 'Azure did not answer; try again in a minute (`check` again, or start over).', url: DOC_LINKS.serviceHealth };
}

/**
 * Whether an error means that Azure or Graph did not answer as asked: a typed call failure
 * (after the SDK's retries) or a missed deadline. Only these are "Azure did not answer"; anything
 * else is a fault of the bot's own, to be logged and answered as an internal error.
 */
export function isAzureFailure(err: unknown): err is AzureCallError | DeadlineExceeded {
  return err instanceof AzureCallError || err instanceof DeadlineExceeded;
}

/** For `.catch(…)`: the fallback when Azure did not answer, any other error thrown on. */
export function whenAzureFails<T>(fallback: T): (err: unknown) => T {
  return (err) => {
    if (isAzureFailure(err)) return fallback;
    throw err;
  };
}

/** A check ran past its deadline. */
export class DeadlineExceeded extends Error {
  constructor() {
    super('deadline exceeded');
    this.name = 'DeadlineExceeded';
  }
}

/** Resolves like `promise`, or rejects with DeadlineExceeded at `deadline` (epoch ms). */
export function withDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.reject(new DeadlineExceeded());
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new DeadlineExceeded()), remaining);
    }),
  ]).finally(() => clearTimeout(timer));
}
