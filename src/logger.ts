import pino, { type Logger } from 'pino';

/** Paths pino blanks out wherever they appear in a log record. */
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

/** The process logger: pino JSON on stdout, secrets redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'sentinel-onboarding-bot' } },
    destination,
  );
}

export type { Logger };
