import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { ArmContext } from './arm-request';
import { createCallLog, type CallLog } from './call-log';
import { createTenantState } from './create-tenant-state';
import { deterministicGuid } from './deterministic-guid';
import type { EmulatedResponse } from './emulated-response';
import { createFaultStore, type Fault } from './fault-store';
import type { TenantFixture } from './fixture-schema';
import { readBody, sendJson, sendRaw, sleep } from './http-io';
import { meterArmRead } from './meter-arm-read';
import { createReadMeter, type ReadMeter } from './read-meter';
import { routeArm } from './route-arm';
import { routeControl } from './route-control';
import { routeGraph } from './route-graph';
import { createResourceGraphQuota, type ResourceGraphQuota } from './resource-graph-quota';
import { RESOURCE_GRAPH_PATH, routeResourceGraph } from './route-resource-graph';
import { SANDBOX_TOKEN } from './sandbox-token';

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** The tenant fixture to serve (see `loadTenantFixture`). */
  tenant: TenantFixture;
  /** Added to every emulated ARM / Graph answer. */
  latencyMs?: number;
  /** Items per page of an ARM list (SANDBOX_PAGE_SIZE); default 50. */
  pageSize?: number;
  /** ARM read throttling and Resource Graph's user quota (SANDBOX_THROTTLE); default on. */
  throttle?: boolean;
  /** The clock of the throttling meter, in ms; tests pass their own. */
  now?: () => number;
}

/** The simulated tenant as an HTTP handler. */
export interface Sandbox {
  /**
   * Answers a request under `/sandbox/`; returns false, touching nothing,
   * for any other path. Reads the request body itself.
   */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** The tenant as it now stands, in fixture shape. */
  state(): TenantFixture;
  /** Where the ARM SDK clients should point (`endpoint`), e.g. `http://localhost:3978/sandbox/arm`. */
  armBaseUrl(origin: string): string;
  /** Graph base URL (the adapter adds `/v1.0/…` or `/beta/…`). */
  graphBaseUrl(origin: string): string;
}

const ARM_PREFIX = '/sandbox/arm';
const GRAPH_PREFIX = '/sandbox/graph';

function originOf(req: IncomingMessage): string {
  const tls = (req.socket as TLSSocket).encrypted === true;
  return `${tls ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
}

/** Who is calling, as far as the sandbox can tell: its own credential's token is the bot. */
function principalOf(req: IncomingMessage): string {
  const header = req.headers.authorization ?? '';
  if (header === `Bearer ${SANDBOX_TOKEN}`) return 'bot';
  return header ? 'unknown' : 'anonymous';
}

/** The answer of an injected fault; undefined when the fault lets the real answer through. */
function faultAnswer(fault: Fault): { raw: string; status: number; headers: Record<string, string> } | EmulatedResponse | undefined {
  const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
  if (fault.body !== undefined) return { raw: fault.body, status: fault.status, headers };
  if (fault.status < 300) return undefined;
  return {
    status: fault.status,
    headers,
    body: { error: { code: `SandboxFault${fault.status}`, message: `Fault injected by the sandbox (status ${fault.status}).` } },
  };
}

/**
 * Creates the simulated tenant: ARM under `/sandbox/arm`, Graph under
 * `/sandbox/graph`, the simulated portal, state and fault endpoints beside them.
 * Every emulated call goes through one path: latency, faults, the ARM read meter (or,
 * for a Resource Graph query, its user quota), the route, and the call log (throttled
 * and faulted calls included).
 */
export function createSandbox(options: SandboxOptions): Sandbox {
  const tenant = createTenantState(options.tenant);
  const faults = createFaultStore();
  const calls: CallLog = createCallLog();
  const latencyMs = options.latencyMs ?? 0;
  const meter: ReadMeter | null = options.throttle === false ? null : createReadMeter({ now: options.now });
  const graphQuota: ResourceGraphQuota | null = options.throttle === false ? null : createResourceGraphQuota({ now: options.now });
  const bot = { clientId: deterministicGuid('bot-app', tenant.tenantId), objectId: deterministicGuid('bot-principal', tenant.tenantId) };
  const arm: ArmContext = { tenant, pageSize: options.pageSize ?? 50, bot };

  function answerArm(method: string, path: string, query: URLSearchParams, principal: string, origin: string, body: string): EmulatedResponse {
    let headers: Record<string, string> = {};
    if (meter && method === 'GET') {
      const metered = meterArmRead(meter, principal, bot.objectId, path);
      if ('throttled' in metered) return metered.throttled;
      headers = metered.headers;
    }
    const seg = path
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
    const answer = routeArm(arm, { method, path, seg, query, apiVersion: query.get('api-version') ?? '', armBase: `${origin}${ARM_PREFIX}`, principal, body });
    return { ...answer, headers: { ...headers, ...answer.headers } };
  }

  async function emulate(req: IncomingMessage, res: ServerResponse, kind: 'arm' | 'graph', path: string, query: URLSearchParams, body: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const principal = principalOf(req);
    const started = Date.now();
    // A Resource Graph query is a POST through ARM with its own quota, not an ARM read: it has its own branch.
    const service = kind === 'arm' && RESOURCE_GRAPH_PATH.test(path) ? 'resourceGraph' : kind;
    const record = (status: number) =>
      calls.record({ service, method, path, apiVersion: query.get('api-version'), status, ms: Date.now() - started, principal });
    await sleep(latencyMs);
    const fault = faults.take(`${method} ${path}`);
    if (fault) {
      await sleep(fault.delayMs);
      if (fault.status === 0) {
        req.socket.destroy();
        record(0);
        return;
      }
      const injected = faultAnswer(fault);
      if (injected && 'raw' in injected) {
        sendRaw(res, injected.status, injected.raw, injected.headers);
        record(injected.status);
        return;
      }
      if (injected) {
        sendJson(res, injected.status, injected.body, injected.headers);
        record(injected.status);
        return;
      }
    }
    const answer: EmulatedResponse =
      service === 'resourceGraph'
        ? routeResourceGraph(tenant, graphQuota, { method, apiVersion: query.get('api-version') ?? '', body, principal })
        : kind === 'arm'
          ? answerArm(method, path, query, principal, originOf(req), body)
          : routeGraph(tenant, { method, path, query, headers: req.headers, graphBase: `${originOf(req)}${GRAPH_PREFIX}` });
    sendJson(res, answer.status, answer.body, answer.headers);
    record(answer.status);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname;
    if (!path.startsWith('/sandbox/')) return false;
    const body = await readBody(req);
    for (const [prefix, kind] of [
      [ARM_PREFIX, 'arm'],
      [GRAPH_PREFIX, 'graph'],
    ] as const) {
      if (path === prefix || path.startsWith(`${prefix}/`)) {
        await emulate(req, res, kind, path.slice(prefix.length) || '/', url.searchParams, body);
        return true;
      }
    }
    const answer = routeControl(tenant, faults, calls, (req.method ?? 'GET').toUpperCase(), path, body);
    sendJson(res, answer.status, answer.body, answer.headers);
    return true;
  }

  return {
    handle,
    state: () => structuredClone(tenant),
    armBaseUrl: (origin) => `${origin.replace(/\/+$/, '')}${ARM_PREFIX}`,
    graphBaseUrl: (origin) => `${origin.replace(/\/+$/, '')}${GRAPH_PREFIX}`,
  };
}
