import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An activity the bot posted to a conversation, as the connector received it. */
export interface PostedActivity {
  id: string;
  body: Record<string, unknown>;
}

type Waiter = { predicate: (a: PostedActivity) => boolean; resolve: (a: PostedActivity) => void; timer: NodeJS.Timeout };

/** How many posts the connector keeps per conversation (the bench needs the last few only). */
const KEEP_PER_CONVERSATION = 6;

/**
 * A local Bot Connector for the benchmark: answers `POST /v3/conversations/{id}/activities[/{replyToId}]`
 * and `PUT …/activities/{id}` at once, keeps the last few posts per conversation and
 * wakes whoever waits for a post. Bounded memory, no polling.
 */
export class BenchConnector {
  private server: http.Server | null = null;
  private readonly posts = new Map<string, PostedActivity[]>();
  private readonly waiters = new Map<string, Waiter[]>();
  private nextId = 1;
  /** The largest Adaptive Card posted or updated since the last reset, in bytes of its JSON. */
  largestCardBytes = 0;
  /** Calls by method, for the report. */
  readonly counts = { POST: 0, PUT: 0, other: 0 };
  url = '';

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const list of this.waiters.values()) list.forEach((w) => clearTimeout(w.timer));
    this.waiters.clear();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** Forgets the posts (between phases). */
  reset(): void {
    this.posts.clear();
    this.largestCardBytes = 0;
  }

  /** The last post to `conversationId` that satisfies `predicate`, if any. */
  latest(conversationId: string, predicate: (a: PostedActivity) => boolean = () => true): PostedActivity | undefined {
    const list = this.posts.get(conversationId) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (predicate(list[i])) return list[i];
    return undefined;
  }

  /** Resolves with the first post to `conversationId` (already there or to come) that satisfies `predicate`. */
  waitFor(conversationId: string, predicate: (a: PostedActivity) => boolean, timeoutMs: number): Promise<PostedActivity> {
    const found = this.latest(conversationId, predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(conversationId) ?? [];
      const waiter: Waiter = {
        predicate,
        resolve,
        timer: setTimeout(() => {
          const rest = (this.waiters.get(conversationId) ?? []).filter((w) => w !== waiter);
          if (rest.length) this.waiters.set(conversationId, rest);
          else this.waiters.delete(conversationId);
          reject(new Error(`no matching post to ${conversationId} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      list.push(waiter);
      this.waiters.set(conversationId, list);
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      if (!match) {
        this.counts.other += 1;
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'NotFound', message: `no route ${req.method} ${path}` } }));
        return;
      }
      const conversationId = decodeURIComponent(match[1]);
      const body = parseBody(chunks);
      for (const a of (body.attachments as { content?: unknown }[] | undefined) ?? []) {
        this.largestCardBytes = Math.max(this.largestCardBytes, Buffer.byteLength(JSON.stringify(a.content ?? {})));
      }
      let id: string;
      if (req.method === 'PUT' && match[2]) {
        this.counts.PUT += 1;
        id = decodeURIComponent(match[2]);
      } else {
        this.counts.POST += 1;
        id = `bench-activity-${this.nextId++}`;
        this.record(conversationId, { id, body });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    });
  }

  private record(conversationId: string, activity: PostedActivity): void {
    const list = this.posts.get(conversationId) ?? [];
    list.push(activity);
    if (list.length > KEEP_PER_CONVERSATION) list.shift();
    this.posts.set(conversationId, list);
    const waiting = this.waiters.get(conversationId);
    if (!waiting) return;
    const rest = waiting.filter((w) => {
      if (!w.predicate(activity)) return true;
      clearTimeout(w.timer);
      w.resolve(activity);
      return false;
    });
    if (rest.length) this.waiters.set(conversationId, rest);
    else this.waiters.delete(conversationId);
  }
}

function parseBody(chunks: Buffer[]): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The `Action.Execute` buttons of the Adaptive Card in a post (verb and data). */
export function cardActions(activity: PostedActivity | undefined): { verb: string; data: Record<string, unknown> }[] {
  const attachments = (activity?.body.attachments as { content?: unknown }[] | undefined) ?? [];
  const out: { verb: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Execute' && typeof n.verb === 'string') out.push({ verb: n.verb, data: (n.data as Record<string, unknown>) ?? {} });
      Object.values(n).forEach(walk);
    }
  };
  attachments.forEach((a) => walk(a.content));
  return out;
}
