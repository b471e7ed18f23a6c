// Runs once before the suites: builds the project (process-level tests run the compiled bot,
// as `npm start` does) and decides whether the PostgreSQL suites can run.
const { execFileSync } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

const DEFAULT_URL = 'postgres://bot:bot@127.0.0.1:5432/bot_test';

/** Resolves true when something accepts TCP connections at the URL's host and port. */
function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 5432) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

module.exports = async () => {
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
    cwd: root,
  });

  // `.ci/run` installs and starts PostgreSQL and sets REQUIRE_POSTGRES=1: there, a missing server fails the suites.
  // Elsewhere (a fresh machine without PostgreSQL) they are reported as skipped, never as passed.
  const url = process.env.TEST_DATABASE_URL || DEFAULT_URL;
  if (process.env.SKIP_POSTGRES_TESTS !== '1' && process.env.REQUIRE_POSTGRES !== '1' && !(await reachable(url))) {
    process.env.SKIP_POSTGRES_TESTS = '1';
    process.stderr.write(
      `\nNo PostgreSQL server at ${url.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@')}: the PostgreSQL suites are SKIPPED.\n` +
        'Run them with `sudo .ci/start-postgres.sh` first (that is what .ci/run does), or set TEST_DATABASE_URL.\n\n',
    );
  }
};
