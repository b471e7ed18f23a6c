/** A request reference carried by a card action: never trusted beyond its type. */
export type RequestRefResult = { ok: true; requestId: string; version: number } | { ok: false; message: string };

const ID = /^[A-Za-z0-9-]{1,64}$/;

/** Reads `requestId` (string) and `version` (positive integer) from card action data. */
export function readRequestRef(data: Record<string, unknown>): RequestRefResult {
  const { requestId, version } = data;
  if (typeof requestId !== 'string' || !ID.test(requestId)) {
    return { ok: false, message: 'The card action has no valid requestId. Use the buttons on the latest card for the request.' };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > 1_000_000) {
    return { ok: false, message: 'The card action has no valid version. Use the buttons on the latest card for the request.' };
  }
  return { ok: true, requestId, version };
}

/** Reads an optional text input (comment); anything but a string or nothing is refused. */
export function readOptionalText(data: Record<string, unknown>, field: string): { ok: true; value: string | undefined } | { ok: false; message: string } {
  const value = data[field];
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value !== 'string') return { ok: false, message: `The ${field} must be text.` };
  return { ok: true, value };
}
