import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

/** Paths pino blanks out wherever they appear in a log record (a second net under the key-based scrubber). */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  '*.headers.authorization',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'MicrosoftAppPassword',
  '*.MicrosoftAppPassword',
  'appPassword',
  '*.appPassword',
  'connectionString',
  '*.connectionString',
  'databaseUrl',
  '*.databaseUrl',
];

/** Removes the password from a URL-like connection string before it is logged. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/** Keys whose values are never logged, whatever they hold. */
const SECRET_KEY =
  /pass(word|wd)?$|password|secret|token|authorization|cookie|connection_?string|api_?key|database_?url|credential_?value|private_?key|sas$|signature/i;

const TEXT_RULES: [RegExp, string][] = [
  // scheme://user:password@host → the password goes (postgres, mongodb, amqp, https with basic auth…)
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:)[^\s@/'"]*@/gi, '$1[redacted]@'],
  // Authorization header values
  [/\b(Bearer|Basic|Negotiate)\s+[A-Za-z0-9\-._~+/]+=*/gi, '$1 [redacted]'],
  // JSON Web Tokens anywhere
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  // key=value secrets in connection strings and query strings
  [/\b(password|pwd|secret|client_secret|accountkey|sharedaccesskey|sig|access_token|refresh_token|id_token|code)=([^;&\s'"]+)/gi, '$1=[redacted]'],
];

/** Removes credentials from free text (error messages, stack traces, URLs). */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  return out;
}

/**
 * A copy of a log record with secret-named fields blanked and credentials
 * removed from every string; errors become `{ type, message, stack, code }`.
 */
export function scrubLogObject<T extends Record<string, unknown>>(object: T): T {
  return scrubValue(object, 0, new WeakSet()) as T;
}

function scrubValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value) || depth > 8) return '[omitted]';
  seen.add(value);
  if (value instanceof Error) {
    const err = value as Error & { code?: unknown; statusCode?: unknown; cause?: unknown };
    return {
      type: err.name,
      message: scrubText(err.message),
      stack: err.stack ? scrubText(err.stack) : undefined,
      ...(err.code !== undefined ? { code: scrubValue(err.code, depth + 1, seen) } : {}),
      ...(err.statusCode !== undefined ? { statusCode: err.statusCode } : {}),
      ...(err.cause !== undefined ? { cause: scrubValue(err.cause, depth + 1, seen) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1, seen));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && v !== null && v !== undefined && typeof v !== 'boolean' ? '[redacted]' : scrubValue(v, depth + 1, seen);
  }
  return out;
}

interface TurnScope {
  correlationId: string;
}

const turnScope = new AsyncLocalStorage<TurnScope>();

/**
 * Runs `work` with a correlation id that every log line written inside it
 * (by any logger made with {@link createLogger}) carries as `correlationId`.
 */
export function runWithCorrelationId<T>(correlationId: string, work: () => T): T {
  return turnScope.run({ correlationId }, work);
}

/** The process logger: pino JSON on stdout, secrets redacted, with the turn's correlation id. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'sentinel-onboarding-bot' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // formatters.log below already turned errors into scrubbed { type, message, stack }.
      serializers: { err: (value: unknown) => value },
      mixin: () => {
        const scope = turnScope.getStore();
        return scope ? { correlationId: scope.correlationId } : {};
      },
      formatters: {
        log: (object) => scrubLogObject(object),
        bindings: (bindings) => scrubLogObject(bindings),
      },
      hooks: {
        // Messages and errors passed positionally are scrubbed too (pino takes msg from err.message).
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          const scrubbed = first instanceof Error ? [{ err: first }, scrubText(String(rest[0] ?? first.message)), ...rest.slice(1)] : [first, ...rest];
          return method.apply(this, scrubbed.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

export type { Logger };
