import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The request body as text. A framework may have read the stream already
 * (restify's body parser leaves it in `req.body`); that copy is used then.
 */
export async function readBody(req: IncomingMessage): Promise<string> {
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (typeof parsed === 'string') return parsed;
  if (Buffer.isBuffer(parsed)) return parsed.toString('utf8');
  if (parsed !== undefined && parsed !== null) return JSON.stringify(parsed);
  if (req.readableEnded) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes a JSON answer (or an empty one for 204 / undefined body). */
export function sendJson(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined || status === 204 ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) } : {}),
    'x-ms-request-id': 'sandbox',
    ...headers,
  });
  res.end(text);
}

/** Writes a raw text answer as if it were JSON (for malformed-body faults). */
export function sendRaw(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** Parses a JSON request body, or says why it is not one. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, message: `The request body is not valid JSON: ${(err as Error).message}` };
  }
}

/** Waits `ms` milliseconds (no timer at all for 0). */
export const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());
