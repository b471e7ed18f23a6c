import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BenchConnector } from './bench-connector';
import { readBenchOptions, type BenchOptions } from './bench-options';
import { formatLargeTenants, formatReport, judgeLargeTenantTargets, judgeTargets, type BenchResults } from './bench-report';
import { closeIdleSockets } from './http-client';
import { measureChecks } from './measure-checks';
import { measureLargeTenant, type LargeTenantResult } from './measure-large-tenant';
import { measureLevel, type LevelResult } from './measure-level';
import { measureOpenRequests } from './measure-open-requests';
import { closedLoop, type Throughput } from './measure-throughput';
import { ROOT, stopChild, type Child } from './processes';
import { median } from './stats';
import { startBot, startEchoBot, startSandbox } from './start-services';

/**
 * The whole benchmark: readiness, prerequisite-check concurrency, throughput against
 * the echo bot, latency at each concurrency level, RSS with many open requests.
 * `log` receives progress lines.
 */
export async function runBench(options: BenchOptions, log: (line: string) => void = () => undefined): Promise<BenchResults> {
  const loadAverageAtStart = os.loadavg()[0];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-bench-'));
  const connector = new BenchConnector();
  const serviceUrl = await connector.start();
  let keepWorkDir = false;
  try {
    log(`readiness: ${options.readySamples} starts of the compiled bot`);
    const readySamples: number[] = [];
    for (let i = 0; i < options.readySamples; i++) {
      const bot = await startBot({ workDir, tag: `ready-${i}`, latencyMs: options.latencyMs, nodeArgs: options.botNodeArgs });
      readySamples.push(Math.round(bot.readyMs));
      await stopChild(bot);
    }

    log(`prerequisite checks: ${options.checkRuns} runs at ${options.latencyMs} ms per call`);
    const checks = await measureChecks({ latencyMs: options.latencyMs, runs: options.checkRuns });

    log(`throughput: ${options.throughputConcurrency} chats for ${options.throughputSeconds} s, echo bot then this bot`);
    const throughput = await measureThroughput(options, workDir, serviceUrl);

    const levelNodeArgs = [...options.botNodeArgs, ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profileDir)}`] : [])];
    const levels: Record<string, LevelResult> = {};
    for (const users of options.levels) {
      log(`connect flow: ${users} concurrent users for ${options.levelSeconds} s`);
      levels[String(users)] = await measureLevel({
        users,
        seconds: options.levelSeconds,
        thinkMs: options.thinkMs,
        latencyMs: options.latencyMs,
        workDir,
        connector,
        botNodeArgs: levelNodeArgs,
      });
    }

    const largeTenant = await measureLargeTenants(options, workDir, connector, log);

    log(`open requests: ${options.openRequests} drafts`);
    const openRequests = await measureOpenRequests({
      count: options.openRequests,
      concurrency: 50,
      latencyMs: options.latencyMs,
      workDir,
      connector,
      nodeArgs: options.botNodeArgs,
    });

    const { resultsFile: _ignored, ...shown } = options;
    const partial = {
      generatedAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        loadAverageAtStart,
      },
      options: shown,
      readiness: { samplesMs: readySamples, medianMs: median(readySamples), maxMs: Math.max(...readySamples) },
      checks,
      throughput,
      levels,
      openRequests,
      largeTenant,
    };
    const results: BenchResults = { ...partial, targets: judgeTargets(partial) };
    if (options.resultsFile) fs.writeFileSync(options.resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    return results;
  } catch (err) {
    keepWorkDir = true;
    throw new Error(`${(err as Error).message} (logs kept in ${workDir})`, { cause: err });
  } finally {
    await connector.stop();
    closeIdleSockets();
    if (process.env.BENCH_KEEP_LOGS) log(`logs kept in ${workDir}`);
    else if (!keepWorkDir) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** The generated tenants, one bot each (ARM throttling and the Resource Graph quota on). */
async function measureLargeTenants(
  options: BenchOptions,
  workDir: string,
  connector: BenchConnector,
  log: (line: string) => void,
): Promise<Record<string, LargeTenantResult>> {
  const out: Record<string, LargeTenantResult> = {};
  for (const workspaces of options.largeTenants) {
    log(`generated tenant: ${workspaces} workspaces, ${options.latencyMs} ms per call, throttling on`);
    out[String(workspaces)] = await measureLargeTenant({ workspaces, latencyMs: options.latencyMs, workDir, connector, nodeArgs: options.botNodeArgs });
  }
  return out;
}

/**
 * `npm run bench -- --tenant large`: the generated tenants alone; their figures and targets replace
 * those of the results file (kept with everything else it holds), or start one.
 */
export async function runLargeTenantBench(options: BenchOptions, log: (line: string) => void = () => undefined): Promise<string> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-bench-large-'));
  const connector = new BenchConnector();
  await connector.start();
  try {
    const largeTenant = await measureLargeTenants(options, workDir, connector, log);
    const targets = judgeLargeTenantTargets(largeTenant, options.latencyMs);
    if (options.resultsFile) {
      const previous = fs.existsSync(options.resultsFile) ? (JSON.parse(fs.readFileSync(options.resultsFile, 'utf8')) as Partial<BenchResults>) : {};
      const kept = (previous.targets ?? []).filter((t) => !t.id.startsWith('large-'));
      fs.writeFileSync(options.resultsFile, `${JSON.stringify({ ...previous, largeTenant, targets: [...kept, ...targets] }, null, 2)}\n`);
    }
    const rows = [formatLargeTenants(largeTenant), '', ...targets.map((t) => `${t.met ? 'met' : 'NOT MET'}: ${t.description}: ${t.measured} (${t.limit})`)];
    return rows.join('\n');
  } finally {
    await connector.stop();
    closeIdleSockets();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Message-turn throughput of the bot (`help`: the whole pipeline, store write and reply
 * included, no Azure call) against the echo bot, in alternating rounds so that load from
 * elsewhere on the machine hits both alike; each side's best round counts.
 */
async function measureThroughput(options: BenchOptions, workDir: string, serviceUrl: string): Promise<BenchResults['throughput']> {
  const rounds = 2;
  const seconds = Math.max(1, Math.round(options.throughputSeconds / rounds));
  const loop = { serviceUrl, concurrency: options.throughputConcurrency, warmupSeconds: Math.min(1, seconds), seconds };
  let echoBot: Child | null = null;
  let sandbox: Child | null = null;
  let bot: Child | null = null;
  try {
    echoBot = await startEchoBot(workDir);
    sandbox = await startSandbox(workDir, options.latencyMs, 'throughput');
    bot = await startBot({ workDir, tag: 'throughput', sandboxUrl: sandbox.url, nodeArgs: options.botNodeArgs });
    const echoRounds: Throughput[] = [];
    const botRounds: Throughput[] = [];
    for (let i = 0; i < rounds; i++) {
      echoRounds.push(await closedLoop({ ...loop, botUrl: echoBot.url, text: 'hello' }));
      botRounds.push(await closedLoop({ ...loop, botUrl: bot.url, text: 'help' }));
    }
    const best = (list: Throughput[]) => list.reduce((a, b) => (b.turnsPerSecond > a.turnsPerSecond ? b : a));
    const echo = best(echoRounds);
    const measured = best(botRounds);
    return {
      concurrency: options.throughputConcurrency,
      seconds: seconds * rounds,
      echo,
      bot: measured,
      ratioToEcho: Math.round((measured.turnsPerSecond / echo.turnsPerSecond) * 100) / 100,
    };
  } finally {
    await stopChild(echoBot);
    await stopChild(bot);
    await stopChild(sandbox);
  }
}

async function main(): Promise<void> {
  const options = readBenchOptions(process.argv.slice(2), process.env, path.join(ROOT, 'bench/results.json'));
  const started = Date.now();
  if (options.tenant === 'large') {
    const report = await runLargeTenantBench(options, (line) => process.stdout.write(`… ${line}\n`));
    process.stdout.write(`\n${report}\n\nWritten ${options.resultsFile} in ${Math.round((Date.now() - started) / 1000)} s.\n`);
    return;
  }
  const results = await runBench(options, (line) => process.stdout.write(`… ${line}\n`));
  process.stdout.write(
    `\n${formatReport(results)}\n\nWritten ${path.relative(process.cwd(), options.resultsFile ?? '') || options.resultsFile} in ` +
      `${Math.round((Date.now() - started) / 1000)} s.\n`,
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
