import { startScriptNodeFlags } from './start-flags';
/** What `npm run bench` runs; every figure can be scaled down (the smoke test does). */
export interface BenchOptions {
  /** Emulated ARM / Graph latency per call, ms (BENCH_LATENCY_MS or --latency; default 300). */
  latencyMs: number;
  /** Concurrent simulated users per level (--levels 1,50,200). */
  levels: number[];
  /** How long the users of one level keep starting flows, s (--seconds). */
  levelSeconds: number;
  /** Pause between one user's steps (reading the card, clicking), ms (--think; default 1000; 0 = back to back, a stress test). */
  thinkMs: number;
  /** Closed-loop message-turn throughput, bot vs echo bot. */
  throughputConcurrency: number;
  throughputSeconds: number;
  /** Open requests for the RSS figure (--open-requests). */
  openRequests: number;
  /** Process starts timed to /readyz. */
  readySamples: number;
  /** Measured runs of the prerequisite checks (after one warm-up). */
  checkRuns: number;
  /** Node flags for every start of the bot: those of `npm start` unless --node-args replaces them (to measure a what-if). */
  botNodeArgs: string[];
  /** Where the bot's CPU profiles of the level runs go (--profile dir); null = no profiling. */
  profileDir: string | null;
  /** Generated tenants measured (workspaces, 10 per subscription; --large-sizes 10,100,1000). */
  largeTenants: number[];
  /** `--tenant large`: only the generated tenants (their figures replace those in the results file). */
  tenant: 'all' | 'large';
  /** Where the results go; null = don't write. */
  resultsFile: string | null;
}

export const DEFAULT_OPTIONS: Omit<BenchOptions, 'resultsFile'> = {
  latencyMs: 300,
  levels: [1, 50, 200],
  levelSeconds: 20,
  thinkMs: 1000,
  throughputConcurrency: 32,
  throughputSeconds: 8,
  openRequests: 1000,
  readySamples: 3,
  checkRuns: 5,
  botNodeArgs: startScriptNodeFlags(),
  profileDir: null,
  largeTenants: [10, 100, 1000],
  tenant: 'all',
};

const positiveInt = (name: string, raw: string, min = 0): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`bench: ${name}=${JSON.stringify(raw)} is not valid: use a whole number ≥ ${min}`);
  return n;
};

/**
 * Reads the options from the command line (`--latency 300 --levels 1,50,200 --seconds 20
 * --think 1000 --open-requests 1000 --profile <dir> --node-args "<flags>"`)
 * and BENCH_LATENCY_MS.
 */
export function readBenchOptions(argv: string[], env: NodeJS.ProcessEnv, defaultResults: string): BenchOptions {
  const options: BenchOptions = { ...DEFAULT_OPTIONS, resultsFile: defaultResults };
  if (env.BENCH_LATENCY_MS) options.latencyMs = positiveInt('BENCH_LATENCY_MS', env.BENCH_LATENCY_MS);
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`bench: ${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--latency':
        options.latencyMs = positiveInt(flag, value());
        break;
      case '--levels':
        options.levels = value()
          .split(',')
          .map((v) => positiveInt(flag, v.trim(), 1));
        break;
      case '--seconds':
        options.levelSeconds = positiveInt(flag, value(), 1);
        break;
      case '--think':
        options.thinkMs = positiveInt(flag, value());
        break;
      case '--open-requests':
        options.openRequests = positiveInt(flag, value(), 1);
        break;
      case '--profile':
        options.profileDir = value();
        break;
      case '--node-args':
        options.botNodeArgs = value().split(/\s+/).filter(Boolean);
        break;
      case '--tenant': {
        const v = value();
        if (v !== 'large') throw new Error(`bench: --tenant=${JSON.stringify(v)} is not valid: use --tenant large (or leave it out for everything)`);
        options.tenant = 'large';
        break;
      }
      case '--large-sizes':
        options.largeTenants = value()
          .split(',')
          .map((v) => positiveInt(flag, v.trim(), 1));
        break;
      case '--out':
        options.resultsFile = value();
        break;
      case '--help':
        throw new Error(
          'usage: npm run bench -- [--latency ms] [--levels 1,50,200] [--seconds s] [--think ms] [--open-requests n] [--profile dir] [--node-args ' +
            '"flags"] [--tenant large] [--large-sizes 10,100,1000] [--out file]',
        );
      default:
        throw new Error(`bench: unknown option ${flag} (try --help)`);
    }
  }
  return options;
}
