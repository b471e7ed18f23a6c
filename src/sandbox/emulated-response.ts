/** An answer of the ARM or Graph emulator, before it is written to the socket. */
export interface EmulatedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** An ARM error answer: `{"error":{"code","message"}}`. */
export function armError(status: number, code: string, message: string): EmulatedResponse {
  return { status, body: { error: { code, message } } };
}

/** A Microsoft Graph error answer, with Graph's `innerError` block. */
export function graphError(status: number, code: string, message: string): EmulatedResponse {
  return {
    status,
    body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': 'sandbox', 'client-request-id': 'sandbox' } } },
  };
}

/** 200 with a JSON body. */
export function ok(body: unknown): EmulatedResponse {
  return { status: 200, body };
}
