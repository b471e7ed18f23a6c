import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector REST API. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  /** For replies and updates: the activity id in the path. */
  activityId: string | null;
  body: Record<string, unknown>;
  /** The id the fake connector gave the activity. */
  assignedId: string;
  at: number;
}

/**
 * A local stand-in for the Teams Bot Connector service: records the activities the bot
 * sends (`POST /v3/conversations/{id}/activities[/{replyToId}]`, `PUT …/activities/{id}`)
 * and can answer with injected failures.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private server: http.Server | null = null;
  private nextId = 1;
  private failures: { status: number; count: number; retryAfter?: number }[] = [];
  url = '';

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** The next `count` calls answer `status` (e.g. 429 with Retry-After). */
  failNext(status: number, count: number, retryAfter?: number): void {
    this.failures.push({ status, count, retryAfter });
  }

  /** Messages posted to a conversation (new posts and replies, not updates). */
  posted(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && (conversationId === undefined || c.conversationId === conversationId));
  }

  updates(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT' && (conversationId === undefined || c.conversationId === conversationId));
  }

  /** Waits until `predicate` holds over the recorded calls. */
  async waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs = 10_000, what = 'connector calls'): Promise<ConnectorCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (predicate(this.calls)) return this.calls;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(
      `Timed out waiting for ${what}; got ${this.calls.length} calls: ${this.calls.map((c) => `${c.method} ${c.path} ${textOf(c)}`).join(' | ')}`,
    );
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    // When the request arrived, not when its body was read: rate limits are judged on arrival.
    const arrivedAt = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      const failure = this.failures.find((f) => f.count > 0);
      if (failure) {
        failure.count -= 1;
        res.writeHead(failure.status, {
          'content-type': 'application/json',
          ...(failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {}),
        });
        res.end(JSON.stringify({ error: { code: 'Injected', message: `injected ${failure.status}` } }));
        return;
      }
      if (!match) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'NotFound', message: `no route ${req.method} ${path}` } }));
        return;
      }
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        // recorded as empty
      }
      const method = req.method ?? 'GET';
      const activityId = match[2] ? decodeURIComponent(match[2]) : null;
      const assignedId = method === 'PUT' && activityId ? activityId : `activity-${this.nextId++}`;
      this.calls.push({ method, path, conversationId: decodeURIComponent(match[1]), activityId, body, assignedId, at: arrivedAt });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: assignedId }));
    });
  }
}

/** The text of a recorded message, or its card's first texts, for diagnostics and assertions. */
export function textOf(call: ConnectorCall): string {
  const text = typeof call.body.text === 'string' ? call.body.text : '';
  const attachments = (call.body.attachments as { content?: unknown }[] | undefined) ?? [];
  return [text, ...attachments.map((a) => JSON.stringify(a.content ?? '').slice(0, 200))].filter(Boolean).join(' ');
}

/** The Adaptive Card of a recorded message, if any. */
export function cardOf(call: ConnectorCall): Record<string, unknown> | null {
  const attachments = (call.body.attachments as { contentType?: string; content?: Record<string, unknown> }[] | undefined) ?? [];
  return attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content ?? null;
}
