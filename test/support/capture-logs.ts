import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';

/** A real logger whose JSON lines are kept for the test to read. */
export function captureLogs(level = 'debug') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(level, stream), lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}
