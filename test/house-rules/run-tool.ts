import { execFile } from 'node:child_process';
import * as path from 'node:path';

/** The project root, where the tools find their configuration. */
export const ROOT = path.resolve(__dirname, '../..');

/** Runs a Node tool of node_modules in the project root; resolves with its exit code and what it printed. */
export function runTool(script: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, script), ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}`.trim() });
    });
  });
}
