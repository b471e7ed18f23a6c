import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A switchable front for the FakeConnector: the bots' serviceUrl points here. While closed
 * for a conversation, the gate answers 500 (Teams having a bad moment) and the FakeConnector
 * records nothing, so a notification stays in the outbox; open, it passes calls through.
 */
export class ConnectorGate {
  url = '';
  /** Calls refused while closed. */
  refused = 0;
  private server: http.Server | null = null;
  private closedFor: ((conversationId: string) => boolean) | null = null;

  constructor(private readonly target: string) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  /** Refuses calls to conversations that `which` picks (all by default). */
  close(which: (conversationId: string) => boolean = () => true): void {
    this.closedFor = which;
  }

  open(): void {
    this.closedFor = null;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '/';
    const conversationId = decodeURIComponent(/\/v3\/conversations\/([^/?]+)/.exec(path)?.[1] ?? '');
    if (this.closedFor?.(conversationId)) {
      this.refused += 1;
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'ServiceError', message: 'gate closed by the test' } }));
      return;
    }
    try {
      const answer = await fetch(new URL(path.replace(/^\//, ''), this.target), {
        method: req.method,
        headers: { 'content-type': String(req.headers['content-type'] ?? 'application/json') },
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    } catch (err) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'BadGateway', message: String(err) } }));
    }
  }
}
