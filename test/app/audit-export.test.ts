import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { runAuditExport } from '../../src/app/audit/run-audit-export';
import { createSqliteStore } from '../../src/store/sqlite-store';
import type { AuditRecord } from '../../src/store/store';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const TENANT = '72f988bf-0000-4000-8000-00000000c0de';
const DANA = { id: '11111111-1111-4111-8111-111111111111', name: 'Dana Okafor (SOC lead)' };

const records: AuditRecord[] = [
  {
    at: '2026-11-29T10:00:00.000Z',
    tenantId: TENANT,
    requestId: 'r1',
    actor: DANA,
    action: 'create',
    outcome: 'accepted',
    fromState: null,
    toState: 'draft',
    version: 1,
  },
  {
    at: '2026-11-29T10:01:00.000Z',
    tenantId: TENANT,
    requestId: 'r1',
    actor: DANA,
    action: 'set_reason',
    outcome: 'accepted',
    fromState: 'draft',
    toState: 'draft',
    version: 2,
    detail: 'Line one\nwith "quotes" and [a](http://x) <b>',
  },
  {
    at: '2026-11-29T10:02:00.000Z',
    tenantId: TENANT,
    requestId: 'r1',
    actor: DANA,
    action: 'approve',
    outcome: 'refused',
    fromState: 'submitted',
    toState: 'submitted',
    version: 3,
    refusalCode: 'four_eyes',
    detail: 'You asked for this change.',
  },
  {
    at: '2026-11-29T10:03:00.000Z',
    tenantId: 'other-tenant',
    requestId: 'r2',
    actor: 'system',
    action: 'expire',
    outcome: 'accepted',
    fromState: 'submitted',
    toState: 'expired',
    version: 3,
  },
];

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

describe('npm run audit:export', () => {
  let dir: string;
  let dbFile: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-export-'));
    dbFile = path.join(dir, 'bot.db');
    const store = createSqliteStore(dbFile);
    await store.migrate();
    await store.appendAudit(records);
    await store.close();
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('writes every entry, oldest first, as JSON Lines to stdout', async () => {
    const out = capture();
    const err = capture();
    const code = await runAuditExport([], { env: { DATABASE_URL: `sqlite:${dbFile}` }, cwd: dir, stdout: out.stream, stderr: err.stream });
    expect(code).toBe(0);
    const lines = out.text().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(4);
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed.map((p) => p.action)).toEqual(['create', 'set_reason', 'approve', 'expire']);
    expect(parsed[1]).toMatchObject({
      tenantId: TENANT,
      requestId: 'r1',
      actor: DANA,
      outcome: 'accepted',
      fromState: 'draft',
      toState: 'draft',
      version: 2,
      detail: records[1].detail,
    });
    expect(parsed[2]).toMatchObject({ outcome: 'refused', refusalCode: 'four_eyes' });
    expect(parsed[3].actor).toBe('system');
    expect(parsed.map((p) => p.seq)).toEqual([...parsed.map((p) => p.seq)].sort((a, b) => a - b));
    expect(err.text()).toBe('');
  });

  test('writes to a file given as the argument (relative to the working directory)', async () => {
    const err = capture();
    const code = await runAuditExport(['audit.jsonl'], { env: { DATABASE_URL: 'sqlite:./bot.db' }, cwd: dir, stdout: capture().stream, stderr: err.stream });
    expect(code).toBe(0);
    const written = path.join(dir, 'audit.jsonl');
    try {
      expect(fs.readFileSync(written, 'utf8').trim().split('\n')).toHaveLength(4);
      expect(err.text()).toMatch(/wrote 4 audit entries to audit.jsonl/);
    } finally {
      fs.rmSync(written, { force: true });
    }
  });

  test('says what to do when the database is missing or DATABASE_URL is wrong', async () => {
    const err = capture();
    expect(
      await runAuditExport([], { env: { DATABASE_URL: `sqlite:${path.join(dir, 'nope.db')}` }, cwd: dir, stdout: capture().stream, stderr: err.stream }),
    ).toBe(1);
    expect(err.text()).toMatch(/no database at .*nope.db.*Set DATABASE_URL/);
    expect(fs.existsSync(path.join(dir, 'nope.db'))).toBe(false);
    const bad = capture();
    expect(await runAuditExport([], { env: { DATABASE_URL: 'mysql://x' }, cwd: dir, stdout: capture().stream, stderr: bad.stream })).toBe(1);
    expect(bad.text()).toMatch(/not supported/);
    const usage = capture();
    expect(await runAuditExport(['a', 'b'], { env: {}, cwd: dir, stdout: capture().stream, stderr: usage.stream })).toBe(2);
    expect(usage.text()).toMatch(/Usage/);
  });

  test('the script runs the compiled export as `npm run audit:export` does', async () => {
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'scripts/audit-export.js')], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: 'sqlite:./bot.db' },
    });
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).action),
    ).toEqual(['create', 'set_reason', 'approve', 'expire']);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts['audit:export']).toMatch(/node scripts\/audit-export\.js/);
  });
});
