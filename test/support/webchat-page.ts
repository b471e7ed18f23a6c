import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { ConnectorCall } from './fake-connector';
import type { TestBot } from './test-bot';

const WEBCHAT_JS = path.join(__dirname, '../../node_modules/botframework-webchat/dist/webchat.js');

/**
 * The page of one Web Chat user: the real Web Chat bundle, and a small Direct Line object that
 * posts the user's activities to this server (which hands them to the bot's /api/messages, as the
 * Direct Line service would) and reads the bot's messages back from the test's connector.
 */
function pageHtml(user: { id: string; name: string }, conversationId: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${user.name}</title>
<style>html,body{height:100%;margin:0}#webchat{height:100%}</style>
<script src="/webchat.js"></script></head><body><div id="webchat" role="main"></div><script>
function subject(replay) {
  const observers = new Set(); let last;
  return {
    next(v) { last = { v }; for (const o of [...observers]) o.next && o.next(v); },
    observable: { subscribe(o) {
      const obs = typeof o === 'function' ? { next: o } : o;
      observers.add(obs);
      if (replay && last) obs.next && obs.next(last.v);
      return { unsubscribe() { observers.delete(obs); } };
    } },
  };
}
const conversationId = ${JSON.stringify(conversationId)};
const activities = subject(false), status = subject(true);
let seen = 0, polling = false;
async function poll() {
  if (polling) return; polling = true;
  try {
    const res = await fetch('/from-bot?conversation=' + encodeURIComponent(conversationId) + '&after=' + seen);
    const list = await res.json();
    for (const a of list) { seen++; activities.next(a); }
  } finally { polling = false; }
}
const directLine = {
  activity$: activities.observable,
  connectionStatus$: status.observable,
  postActivity(activity) {
    return { subscribe(o) {
      const body = JSON.stringify(activity);
      fetch('/to-bot?conversation=' + encodeURIComponent(conversationId), { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        .then((r) => r.json())
        .then(({ id }) => { activities.next({ ...activity, id, timestamp: new Date().toISOString() }); o.next && o.next(id); o.complete && o.complete(); })
        .catch((e) => o.error && o.error(e));
      return { unsubscribe() {} };
    } };
  },
  end() {},
};
status.next(0); status.next(1); status.next(2);
setInterval(poll, 100);
const props = { directLine, userID: ${JSON.stringify(user.id)}, username: ${JSON.stringify(user.name)}, locale: 'en-US' };
window.WebChat.renderWebChat(props, document.getElementById('webchat'));
</script></body></html>`;
}

export interface WebChatServer {
  url: string;
  pageUrl(user: { id: string; name: string }, conversationId: string): string;
  stop(): Promise<void>;
}

/** The bot's messages to a conversation as Direct Line delivers them: posts and updates, in order, from the bot. */
function fromBot(calls: ConnectorCall[], conversationId: string): object[] {
  return calls
    .filter((c) => c.conversationId === conversationId)
    .map((c) => ({ ...c.body, id: c.assignedId, from: { id: 'bot', name: 'Sentinel onboarding', role: 'bot' }, timestamp: new Date(c.at).toISOString() }));
}

/** Serves the Web Chat pages and bundle, and carries activities between them and the bot. */
export async function startWebChatServer(t: TestBot, channelId = 'webchat'): Promise<WebChatServer> {
  let next = 1;
  const users = new Map<string, { id: string; name: string }>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const conversationId = url.searchParams.get('conversation') ?? '';
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/webchat.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      fs.createReadStream(WEBCHAT_JS).pipe(res);
    } else if (url.pathname === '/page') {
      const user = users.get(conversationId);
      if (!user) return json(404, { error: 'unknown conversation' });
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(pageHtml(user, conversationId));
    } else if (url.pathname === '/from-bot') {
      json(200, fromBot(t.connector.calls, conversationId).slice(Number(url.searchParams.get('after') ?? 0)));
    } else if (url.pathname === '/to-bot' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        const id = `${conversationId}|${String(next++).padStart(7, '0')}`;
        const user = users.get(conversationId)!;
        const full = {
          ...activity,
          id,
          channelId,
          serviceUrl: t.serviceUrl,
          conversation: { id: conversationId },
          from: { id: user.id, name: user.name, role: 'user' },
          recipient: { id: 'bot', name: 'Sentinel onboarding', role: 'bot' },
          timestamp: new Date().toISOString(),
        };
        t.send(full).then(
          (r) => json(r.status === 200 ? 200 : 502, { id, status: r.status }),
          (err: unknown) => json(502, { error: String(err) }),
        );
      });
    } else {
      json(404, { error: 'not found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    pageUrl(user, conversationId) {
      users.set(conversationId, user);
      return `${url}/page?conversation=${encodeURIComponent(conversationId)}`;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
