import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const tenant = JSON.parse(fs.readFileSync(path.join(root, 'src/sandbox/sample-tenant.json'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
}
interface PlaygroundConfig {
  version: string;
  tenantId: string;
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  team: { id: string; channels: { id: string; name: string }[] };
}

/** A shipped Playground file, parsed as the Playground parses it (the same YAML package). */
function readConfig(file: string): PlaygroundConfig {
  return parse(fs.readFileSync(path.join(root, file), 'utf8')) as PlaygroundConfig;
}

const sandboxUser = (id: string) => tenant.users.find((u: { id: string }) => u.id === id);
/** Owner at subscription scope in the sample tenant. */
const isOwner = (id: string) =>
  tenant.subscriptions.some((s: { roleAssignments: { principalId: string; role: string; scope: string }[] }) =>
    s.roleAssignments.some((a) => a.principalId === id && a.role === 'Owner' && a.scope === 'subscription'),
  );

describe('the Playground with two people: the shipped configurations', () => {
  const requester = readConfig('.m365agentsplayground.yml');
  const approver = readConfig('playground/approver.m365agentsplayground.yml');

  test('npm run playground reads the requester file (the Playground default in the working directory); playground:approver the approver file', () => {
    expect(pkg.scripts.playground).not.toMatch(/M365_AGENTS_PLAYGROUND_CONFIG_PATH/);
    expect(pkg.scripts['playground:approver']).toMatch(/M365_AGENTS_PLAYGROUND_CONFIG_PATH=playground\/approver\.m365agentsplayground\.yml /);
    // Both run at once: the approver's Playground on its own port.
    expect(pkg.scripts['playground:approver']).toMatch(/ -p 56151\b/);
  });

  test.each([
    ['requester', requester],
    ['approver', approver],
  ])('the %s file is the sample tenant: its tenant id, and every user is a sample user with the same name or says it is not one', (_who, config) => {
    expect(config.version).toBe('0.1.1');
    expect(config.tenantId).toBe(tenant.tenantId);
    // The Playground refuses a file with fewer than 5 other users.
    expect(config.users.length).toBeGreaterThanOrEqual(5);
    for (const user of [config.currentUser, ...config.users]) {
      const known = sandboxUser(user.aadObjectId);
      if (known) expect(user.name).toBe(known.displayName);
      else expect(user.name).toMatch(/not in the sample tenant/);
    }
    expect(sandboxUser(config.currentUser.aadObjectId)).toBeDefined();
  });

  test('the requester is Dana, who holds no approver role; the approver is Ravi, Security Administrator and Owner of the subscription', () => {
    const dana = sandboxUser(requester.currentUser.aadObjectId);
    expect(dana.displayName).toMatch(/^Dana Okafor/);
    expect(dana.entraRoles).toEqual([]);
    expect(isOwner(dana.id)).toBe(false);
    const ravi = sandboxUser(approver.currentUser.aadObjectId);
    expect(ravi.displayName).toMatch(/^Ravi Menon/);
    expect(ravi.entraRoles).toContain('Security Administrator');
    expect(isOwner(ravi.id)).toBe(true);
    expect(ravi.id).not.toBe(dana.id);
  });

  test('both name the same team and SOC channel, so notify here in one and the approval card in the other meet', () => {
    expect(approver.team).toEqual(requester.team);
    expect(requester.team.channels.length).toBeGreaterThan(0);
    // Each user is in the other's file, as a member of the same chats and team.
    expect(approver.users.map((u) => u.aadObjectId)).toContain(requester.currentUser.aadObjectId);
    expect(requester.users.map((u) => u.aadObjectId)).toContain(approver.currentUser.aadObjectId);
  });
});
