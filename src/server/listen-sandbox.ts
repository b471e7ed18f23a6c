import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RawHandler } from './create-server';

/** A private loopback listener for the in-process sandbox. */
export interface SandboxListener {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves the in-process sandbox on its own loopback port for the bot's own
 * Azure clients, so that they keep working while the public port drains at
 * shutdown (the public port serves /sandbox/* too, for clients and tests).
 */
export async function listenSandbox(sandbox: RawHandler): Promise<SandboxListener> {
  const server = http.createServer((req, res) => {
    sandbox
      .handle(req, res)
      .then((handled) => {
        if (!handled && !res.headersSent) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'NotFound', message: 'No such sandbox route.' } }));
        }
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'InternalError', message: 'The sandbox failed to answer.' } }));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
