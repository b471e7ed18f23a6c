import * as http from 'node:http';

/** Keep-alive sockets to the bots on loopback, as a Bot Connector would keep them. */
// Idle sockets close after 4 s, before the servers' 5 s keep-alive timeout, so no request races a closing socket.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: 4000 });

export interface HttpAnswer {
  status: number;
  body: unknown;
  /** Wall time from sending the request to the end of the answer, ms. */
  ms: number;
}

/** Sends `body` as JSON to `url` (http only) and reads the JSON answer. */
export function requestJson(method: string, url: string, body?: unknown, timeoutMs = 30_000): Promise<HttpAnswer> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        timeout: timeoutMs,
        headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, ms: performance.now() - started });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Closes idle keep-alive sockets so the process can exit. */
export function closeIdleSockets(): void {
  agent.destroy();
}
