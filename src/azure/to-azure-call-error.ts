import { AzureCallError, type AzureErrorKind } from './ports';
import { errorCodeOfBody, retryAfterMsOf } from './read-error-answer';

const CREDENTIAL_ERRORS = new Set(['CredentialUnavailableError', 'AuthenticationError', 'AggregateAuthenticationError', 'AuthenticationRequiredError']);
const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/** The error kind for an HTTP status, or undefined for a 2xx / unknown one. */
export function kindForStatus(status: number): AzureErrorKind {
  if (status === 404) return 'not-found';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 429) return 'throttled';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'unavailable';
  return 'unexpected';
}

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  status?: number;
  cause?: unknown;
  response?: { bodyAsText?: string | null; headers?: { get(name: string): string | null | undefined } };
}

/** The service's error code of an HTTP error: the SDK's `code`, else the body's `error.code`. */
function serviceCode(err: ErrorLike): string | undefined {
  const sdkCode =
    typeof err.code === 'string' && err.code !== '' && !/^E[A-Z]+$/.test(err.code) && err.code !== 'REQUEST_SEND_ERROR' && err.code !== 'PARSE_ERROR'
      ? err.code
      : undefined;
  return sdkCode ?? errorCodeOfBody(err.response?.bodyAsText);
}

/** The most specific network error code in an error or its cause chain. */
function networkCode(err: ErrorLike | undefined, depth = 0): string | undefined {
  if (!err || depth > 4) return undefined;
  return networkCode(err.cause as ErrorLike | undefined, depth + 1) ?? (err.code && /^E[A-Z]+$/.test(err.code) ? err.code : undefined);
}

/**
 * Maps any failure of an SDK or Graph call to an {@link AzureCallError}.
 * `credentialName` names the credential in credential failures.
 */
export function toAzureCallError(operation: string, error: unknown, credentialName: string): AzureCallError {
  if (error instanceof AzureCallError) return error;
  const err = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const message = err.message ?? String(error);
  if (err.name && CREDENTIAL_ERRORS.has(err.name)) {
    return new AzureCallError('credential', operation, `${credentialName} could not get a token (${err.name}): ${message}`);
  }
  const status = err.statusCode ?? err.status;
  if (typeof status === 'number' && status >= 300) {
    const retryAfterMs = retryAfterMsOf(err.response?.headers);
    return new AzureCallError(kindForStatus(status), operation, message, status, {
      code: serviceCode(err),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return new AzureCallError('timeout', operation, 'the call was aborted before an answer came');
  if (err.code === 'PARSE_ERROR' || err.name === 'SyntaxError') return new AzureCallError('malformed', operation, `unparsable answer: ${message}`, status);
  const code = networkCode(err);
  if (code && REFUSED.has(code)) return new AzureCallError('unavailable', operation, `cannot connect (${code}): ${message}`);
  if (code || err.code === 'REQUEST_SEND_ERROR' || /socket hang up|fetch failed|terminated|other side closed/i.test(message)) {
    return new AzureCallError('timeout', operation, `the connection dropped before an answer (${code ?? message})`);
  }
  return new AzureCallError('unexpected', operation, message, status);
}
