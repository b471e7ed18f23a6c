import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TenantFixture } from '../../src/sandbox';
import { startTestBot, type TestBot } from './test-bot';

/** Starts the bot on a fixture written to a temporary file (SANDBOX_TENANT), as an admin would. */
export async function startOnFixture(tenant: TenantFixture, env: Record<string, string> = {}): Promise<{ t: TestBot; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'v2-tenant-'));
  const file = path.join(dir, 'tenant.json');
  fs.writeFileSync(file, JSON.stringify(tenant));
  const t = await startTestBot({ SANDBOX_TENANT: file, ...env });
  return {
    t,
    cleanup: async () => {
      await t.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
