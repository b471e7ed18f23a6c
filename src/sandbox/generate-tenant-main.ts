import { writeFileSync } from 'node:fs';
import { generateTenant, type GenerateTenantOptions } from './generate-tenant';
import { parseTenantFixture } from './parse-tenant-fixture';

const USAGE =
  'usage: npm run --silent tenant:generate -- --subscriptions N --workspaces M [--seed S] [--connected <subscription number> | --connected none] ' +
  "[--out file] (without --out the fixture goes to stdout: --silent keeps npm's own lines out of it)";

/** The command line of `npm run tenant:generate`. */
export interface GenerateArgs extends GenerateTenantOptions {
  /** Where to write the fixture instead of stdout. */
  out?: string;
}

/** Reads the command line of `npm run tenant:generate`; throws a line saying what is wrong. */
export function readGenerateArgs(argv: string[]): GenerateArgs {
  const options: Partial<GenerateArgs> = {};
  const whole = (flag: string, raw: string | undefined, min: number, max: number): number => {
    const n = Number(raw);
    if (raw === undefined || !/^\d+$/.test(raw) || n < min || n > max)
      throw new Error(`${flag} needs a whole number from ${min} to ${max} (got ${raw ?? 'nothing'}). ${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    i++;
    switch (flag) {
      case '--subscriptions':
        options.subscriptions = whole(flag, value, 1, 10_000);
        break;
      case '--workspaces':
        options.workspaces = whole(flag, value, 0, 100_000);
        break;
      case '--seed':
        if (!value) throw new Error(`--seed needs a value. ${USAGE}`);
        options.seed = value;
        break;
      case '--out':
        if (!value) throw new Error(`--out needs a file name. ${USAGE}`);
        options.out = value;
        break;
      case '--connected':
        options.connected = value === 'none' ? null : whole(flag, value, 1, 10_000);
        break;
      default:
        throw new Error(`unknown option ${flag}. ${USAGE}`);
    }
  }
  if (options.subscriptions === undefined || options.workspaces === undefined) throw new Error(`--subscriptions and --workspaces are required. ${USAGE}`);
  if (typeof options.connected === 'number' && options.connected > options.subscriptions) {
    throw new Error(`--connected ${options.connected} names no subscription: the tenant has ${options.subscriptions}. ${USAGE}`);
  }
  return options as GenerateArgs;
}

/** `npm run tenant:generate`: a fixture of the asked size on stdout, validated as the sandbox validates it. */
function main(): void {
  const { out, ...options } = readGenerateArgs(process.argv.slice(2));
  const fixture = generateTenant(options);
  parseTenantFixture(fixture, 'generated tenant');
  const text = `${JSON.stringify(fixture, null, 1)}\n`;
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`tenant:generate: ${(err as Error).message}\n`);
    process.exit(2);
  }
}
