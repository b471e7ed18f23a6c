import { createServer } from 'node:http';
import { createSandbox } from './create-sandbox';
import { loadTenantFixture } from './load-tenant-fixture';
import { readSandboxEnv } from './read-sandbox-env';

/** The standalone simulated tenant (`npm run sandbox`), shared by several bot instances via SANDBOX_URL. */
function main(): void {
  const env = readSandboxEnv(process.env);
  const sandbox = createSandbox({ tenant: loadTenantFixture(env.tenantPath), latencyMs: env.latencyMs, pageSize: env.pageSize, throttle: env.throttle });
  const server = createServer((req, res) => {
    sandbox
      .handle(req, res)
      .then((handled) => {
        if (!handled) {
          res.writeHead(404, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'NotFound', message: 'The sandbox serves /sandbox/… only.' } }));
        }
      })
      .catch((err: unknown) => {
        process.stderr.write(`sandbox: ${(err as Error).stack ?? String(err)}\n`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
  server.listen(env.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.port;
    process.stdout.write(
      `Sandbox tenant (${env.tenantPath ?? 'built-in sample tenant'}) listening on http://localhost:${port}\n` +
        `Start bots with SANDBOX_URL=http://localhost:${port}\n`,
    );
  });
  const stop = (): void => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

try {
  main();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
}
