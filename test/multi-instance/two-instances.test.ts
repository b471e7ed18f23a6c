import { cardOf } from '../support/fake-connector';
import { drain, staysEqual } from '../support/settle';
import { click, say, setSocChannel, socPosts, submitConnect } from '../support/drive';
import { cardText, executeActions } from '../support/card-queries';
import { SKIP_POSTGRES } from '../support/postgres-test-db';
import { personalConversationId, TENANT_ID, USERS } from '../support/teams-activities';
import type { TestBot } from '../support/test-bot';
import { startInstancePair, type InstancePair } from './support/instance-pair';

const SUB = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0';
const PROD = `${SUB}/rg-soc/law-soc-prod`;

/** SOC-channel posts whose summary matches, across both instances (they share one connector). */
const socSummaries = (t: TestBot, pattern: RegExp) => socPosts(t).filter((p) => pattern.test(String(p.body.summary ?? '')));

/** `connect <workspace>` in 1:1; returns the request id and version its Submit button carries. */
async function draftConnect(t: TestBot, user: (typeof USERS)[keyof typeof USERS], workspace: string): Promise<{ requestId: string; version: number }> {
  const card = cardOf(await say(t, user, `connect ${workspace}`));
  const submit = executeActions(card).find((a) => a.verb === 'request.submit');
  if (!submit) throw new Error(`no submit button: ${cardText(card)}`);
  return { requestId: submit.data.requestId as string, version: submit.data.version as number };
}

(SKIP_POSTGRES ? describe.skip : describe)('two bot instances on one PostgreSQL', () => {
  let pair: InstancePair | undefined;
  afterEach(async () => {
    await pair?.stop();
    pair = undefined;
  });

  test('submitted through A, approved through B, verified by whichever polls: one SOC notification per event', async () => {
    pair = await startInstancePair();
    const { a, b, sandbox } = pair;
    await setSocChannel(a);

    // A takes the request; the approval card reaches the channel once.
    const { requestId, approvalPost } = await submitConnect(a, USERS.dana, 'law-soc-prod');
    expect(approvalPost.body.summary).toMatch(/asks to connect law-soc-prod/);

    // B sees it (shared store) and takes the approval; its answer is the portal-step card.
    const approved = await click(b, USERS.ravi, 'request.approve', { requestId, version: 2, comment: 'via B' }, 'channel');
    expect(approved.statusCode).toBe(200);
    expect(executeActions(approved.value).map((x) => x.verb)).toContain('connection.verify');
    await b.connector.waitFor(() => socSummaries(b, /approved the request to connect law-soc-prod/).length > 0, 10_000, 'approved notification');

    // The portal step happens in the shared tenant; whichever instance polls first verifies it.
    expect((await sandbox.call('POST', '/sandbox/portal/connect', { workspace: PROD })).status).toBe(200);
    await a.connector.waitFor(() => socSummaries(a, /^Connected law-soc-prod/).length > 0, 15_000, 'connected notification');
    // Both pollers verify and both dispatchers deliver until nothing is left; then a quiet period in which a late duplicate would show.
    const counts = () => ({
      asks: socSummaries(a, /asks to connect law-soc-prod/).length,
      approved: socSummaries(a, /approved the request to connect law-soc-prod/).length,
      connected: socSummaries(a, /^Connected law-soc-prod/).length,
      posts: socPosts(a).length,
    });
    await drain([a.bot, b.bot], { verify: true });
    await staysEqual(counts, { asks: 1, approved: 1, connected: 1, posts: 3 }, 'one SOC notification per event', 1_200);
    // The approval card was updated once for everyone; Dana heard of the approval and the connection once each.
    expect(a.connector.updates().filter((u) => u.activityId === approvalPost.assignedId)).toHaveLength(1);
    const toDana = a.connector.posted(personalConversationId(USERS.dana)).map((p) => String(p.body.summary ?? ''));
    expect(toDana.filter((s) => /approved the request/.test(s))).toHaveLength(1);
    expect(toDana.filter((s) => /^Connected/.test(s))).toHaveLength(1);

    // Both instances see the same outcome; the verification ran once (no instance lost a race for it).
    for (const t of [a, b]) {
      expect((await t.bot.store.getRequest(requestId))?.state).toBe('completed');
      expect((await t.bot.store.getConnection(TENANT_ID))?.workspace.name).toBe('law-soc-prod');
    }
    const audit = await b.bot.store.listAudit(TENANT_ID, 100);
    expect(audit.filter((x) => x.action === 'verified').map((x) => x.outcome)).toEqual(['accepted']);
    expect(audit.filter((x) => x.action === 'approve').map((x) => x.outcome)).toEqual(['accepted']);

    // One connected workspace: the other instance knows it and says so.
    const reply = cardText(cardOf(await say(b, USERS.dana, 'connect law-soc-staging')));
    expect(reply).toMatch(/law-soc-prod is already connected[\s\S]*disconnect/);
  });

  test('approvals racing on two instances: exactly one 200, one approved notification', async () => {
    pair = await startInstancePair();
    const { a, b } = pair;
    await setSocChannel(b);
    const { requestId } = await submitConnect(a, USERS.dana, 'law-soc-prod');

    const clicks = await Promise.all([a, b, a, b].map((t) => click(t, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel')));
    const codes = clicks.map((c) => c.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c !== 200).every((c) => c === 409)).toBe(true);

    await a.connector.waitFor(() => socSummaries(a, /approved the request/).length > 0, 10_000, 'approved notification');
    await drain([a.bot, b.bot]);
    await staysEqual(() => socSummaries(a, /approved the request/).length, 1, 'one approved notification');
    const request = await a.bot.store.getRequest(requestId);
    expect(request).toMatchObject({ state: 'approved', version: 3 });
    const audit = await a.bot.store.listAudit(TENANT_ID, 100);
    expect(audit.filter((x) => x.action === 'approve' && x.outcome === 'accepted')).toHaveLength(1);
  });

  test('two requests submitted at once on two instances: exactly one is open for approval', async () => {
    pair = await startInstancePair();
    const { a, b } = pair;
    await setSocChannel(a);
    const [danas, lenas] = await Promise.all([draftConnect(a, USERS.dana, 'law-soc-prod'), draftConnect(b, USERS.lena, 'law-soc-prod')]);

    const [onA, onB] = await Promise.all([
      click(a, USERS.dana, 'request.submit', { requestId: danas.requestId, version: danas.version }, 'personal'),
      click(b, USERS.lena, 'request.submit', { requestId: lenas.requestId, version: lenas.version }, 'personal'),
    ]);
    expect([onA.statusCode, onB.statusCode].filter((c) => c === 200)).toHaveLength(1);
    // The loser lost the race at commit (one open request a tenant): a conflict, as the contract has it.
    expect([onA, onB].filter((c) => c.statusCode !== 200).map((c) => [c.statusCode, c.value.code])).toEqual([[409, 'conflict']]);

    await a.connector.waitFor(() => socSummaries(a, /asks to connect/).length > 0, 10_000, 'approval card');
    await drain([a.bot, b.bot]);
    await staysEqual(() => socSummaries(a, /asks to connect/).length, 1, 'one approval card');
    const open = await b.bot.store.listRequestsInStates(['submitted', 'approved']);
    expect(open).toHaveLength(1);
  });

  test('verification of one request by two pollers at the same moment: one instance does it, once', async () => {
    // Slow Azure answers widen the window in which both instances would verify the same request.
    pair = await startInstancePair({ latencyMs: 150, env: { VERIFY_POLL_SECONDS: '3600' } });
    const { a, b, sandbox } = pair;
    await setSocChannel(a);
    const { requestId } = await submitConnect(a, USERS.dana, 'law-soc-prod');
    expect((await click(b, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel')).statusCode).toBe(200);
    expect((await sandbox.call('POST', '/sandbox/portal/connect', { workspace: PROD })).status).toBe(200);

    const before = sandbox.requests.length;
    await Promise.all([a.bot.poller.tick(), b.bot.poller.tick(), a.bot.poller.tick(), b.bot.poller.tick()]);
    const signalReads = sandbox.requests.slice(before).filter((r) => /roleAssignments/i.test(r));

    expect((await a.bot.store.getRequest(requestId))?.state).toBe('completed');
    const audit = await a.bot.store.listAudit(TENANT_ID, 100);
    // Without a per-request lease both would verify and one would lose the commit (audited as refused).
    expect(audit.filter((x) => x.action === 'verified').map((x) => x.outcome)).toEqual(['accepted']);
    expect(signalReads.length).toBeGreaterThan(0);
    await a.connector.waitFor(() => socSummaries(a, /^Connected law-soc-prod/).length > 0, 10_000, 'connected notification');
    await drain([a.bot, b.bot], { verify: true });
    await staysEqual(() => socSummaries(a, /^Connected law-soc-prod/).length, 1, 'one connected notification');
  });
});
