import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The node flags `npm start` runs the bot with (e.g. its heap limit), read from
 * package.json so the benchmark measures the bot as it is started.
 */
export function startScriptNodeFlags(root: string = projectRoot()): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const match = /\bnode\s+((?:--\S+\s+)*)dist\/src\/index\.js/.exec(pkg.scripts?.start ?? '');
  return match ? match[1].split(/\s+/).filter(Boolean) : [];
}

/** The folder with the project's package.json, from bench/ (ts-jest) or dist/bench/ (compiled). */
function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'bench'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`bench: no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
