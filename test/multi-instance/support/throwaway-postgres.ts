import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { freePort } from '../../../src/server/free-port';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PREFIX = 'botmi';

/**
 * A PostgreSQL cluster of its own (Debian's pg_createcluster), for the tests that stop and restart
 * the server: restarting the shared test server would break the other suites that run at the same
 * time. Needs root (as `.ci/run` runs) and the Debian PostgreSQL packages.
 */
export interface ThrowawayCluster {
  /** postgres://bot:bot@127.0.0.1:<port>/bot_test */
  url: string;
  version: string;
  name: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** `pg_ctlcluster <version> <name> restart`. */
  restart(): Promise<void>;
  drop(): Promise<void>;
}

/** Why the cluster cannot be made here, or null when it can. */
export function throwawayClusterProblem(): string | null {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return 'the PostgreSQL restart tests create a throwaway cluster with pg_createcluster and need root (run them as .ci/run does)';
  }
  if (!fs.existsSync('/usr/lib/postgresql') || newestVersion() === null) {
    return 'no PostgreSQL server binaries under /usr/lib/postgresql: run `sudo .ci/start-postgres.sh` (it installs them)';
  }
  return null;
}

function newestVersion(): string | null {
  try {
    const versions = fs.readdirSync('/usr/lib/postgresql').filter((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));
    return versions.sort((x, y) => Number(x) - Number(y)).pop() ?? null;
  } catch {
    return null;
  }
}

const asPostgres = (port: number, sql: string) =>
  run('runuser', ['-u', 'postgres', '--', 'psql', '-p', String(port), '-v', 'ON_ERROR_STOP=1', '-qtA', '-c', sql], { cwd: '/' });

/** Drops clusters this helper left behind in runs that died (their process is gone). */
async function dropLeftovers(version: string): Promise<void> {
  const { stdout } = await run('pg_lsclusters', ['-h']);
  for (const line of stdout.split('\n')) {
    const [v, name] = line.trim().split(/\s+/);
    const pid = new RegExp(`^${PREFIX}_(\\d+)_`).exec(name ?? '')?.[1];
    if (v !== version || !pid) continue;
    let alive = true;
    try {
      process.kill(Number(pid), 0);
    } catch {
      alive = false;
    }
    if (!alive) await run('pg_dropcluster', ['--stop', v, name]).catch(() => undefined);
  }
}

export async function createThrowawayCluster(): Promise<ThrowawayCluster> {
  const problem = throwawayClusterProblem();
  if (problem) throw new Error(`Cannot run this test: ${problem}. Set SKIP_POSTGRES_TESTS=1 to skip the PostgreSQL tests explicitly.`);
  const version = newestVersion()!;
  await dropLeftovers(version);
  const port = await freePort();
  const name = `${PREFIX}_${process.pid}_${Date.now().toString(36)}`;
  // Durability is not under test: skip fsync so that start and restart are quick.
  await run('pg_createcluster', [
    '-p',
    String(port),
    '-o',
    'fsync=off',
    '-o',
    'synchronous_commit=off',
    '-o',
    'full_page_writes=off',
    '--start',
    version,
    name,
  ]);
  const ctl = (action: string) => run('pg_ctlcluster', [version, name, action, ...(action === 'start' ? [] : ['-m', 'fast'])]).then(() => undefined);
  try {
    await asPostgres(port, "CREATE ROLE bot LOGIN PASSWORD 'bot'");
    await asPostgres(port, 'CREATE DATABASE bot_test OWNER bot');
  } catch (err) {
    await run('pg_dropcluster', ['--stop', version, name]).catch(() => undefined);
    throw err;
  }
  return {
    url: `postgres://bot:bot@127.0.0.1:${port}/bot_test`,
    version,
    name,
    stop: () => ctl('stop'),
    start: () => ctl('start'),
    restart: () => ctl('restart'),
    drop: () => run('pg_dropcluster', ['--stop', version, name]).then(() => undefined),
  };
}
