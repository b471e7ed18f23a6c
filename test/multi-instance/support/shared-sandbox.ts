import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox, loadTenantFixture, type Sandbox } from '../../../src/sandbox';

/** One simulated tenant that several bot instances share through SANDBOX_URL (as `npm run sandbox` serves it). */
export interface SharedSandbox {
  url: string;
  sandbox: Sandbox;
  /** Calls the sandbox answered, by path (to count what the instances asked Azure). */
  requests: string[];
  /** POST/GET/DELETE on the sandbox's own routes, e.g. `/sandbox/portal/connect`. */
  call(method: string, pathname: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function startSharedSandbox(options: { latencyMs?: number; tenantPath?: string } = {}): Promise<SharedSandbox> {
  const sandbox = createSandbox({ tenant: loadTenantFixture(options.tenantPath), latencyMs: options.latencyMs });
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    sandbox
      .handle(req, res)
      .then((handled) => {
        if (!handled) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end('{"error":{"code":"NotFound","message":"not a sandbox route"}}');
        }
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    sandbox,
    requests,
    async call(method, pathname, body) {
      const res = await fetch(`${url}${pathname}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
