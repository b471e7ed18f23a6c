import { z } from 'zod';
import type { CallLog } from './call-log';
import { armError, ok, type EmulatedResponse } from './emulated-response';
import { faultSchema, type FaultStore } from './fault-store';
import type { TenantFixture } from './fixture-schema';
import { parseJson } from './http-io';
import { formatFixtureIssues } from './parse-tenant-fixture';
import { connectWorkspace, disconnectWorkspace, type PortalResult } from './portal-actions';
import { connectMulti, disconnectMulti, setPrimary } from './portal-multi';

const workspaceKey = z.string().regex(/^[^/\s]+\/[^/\s]+\/[^/\s]+$/, { message: 'accepted: "<subscriptionId>/<resourceGroup>/<workspaceName>"' });
const connectBody = z.object({ workspace: workspaceKey, primary: z.boolean().optional() });
const setPrimaryBody = z.object({ workspace: workspaceKey });
const disconnectBody = z.object({ workspace: workspaceKey, reason: z.string().optional() });

/** Validates a JSON request body, or answers 400 saying what is wrong. */
function validate<T>(schema: z.ZodType<T>, text: string): { ok: true; value: T } | { ok: false; response: EmulatedResponse } {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, response: armError(400, 'BadRequest', json.message) };
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) return { ok: false, response: armError(400, 'BadRequest', `Invalid request body: ${formatFixtureIssues(parsed.error.issues)}`) };
  return { ok: true, value: parsed.data };
}

const answer = (result: PortalResult): EmulatedResponse => (result.ok ? ok(result.body) : armError(result.status, result.code, result.message));

const methodNotAllowed = (method: string, path: string): EmulatedResponse => armError(405, 'MethodNotAllowed', `${method} is not supported on ${path}.`);

/**
 * The sandbox's own endpoints: the simulated Defender portal, the tenant
 * state and fault injection. `path` is the full path, e.g. `/sandbox/state`.
 */
export function routeControl(tenant: TenantFixture, faults: FaultStore, calls: CallLog, method: string, path: string, body: string): EmulatedResponse {
  switch (path.replace(/\/+$/, '')) {
    case '/sandbox/portal/connect': {
      if (method !== 'POST') return methodNotAllowed(method, path);
      const req = validate(connectBody, body);
      if (!req.ok) return req.response;
      return answer(
        tenant.workspaceModel === 'multi' ? connectMulti(tenant, req.value.workspace, req.value.primary) : connectWorkspace(tenant, req.value.workspace),
      );
    }
    case '/sandbox/portal/set-primary': {
      if (method !== 'POST') return methodNotAllowed(method, path);
      if (tenant.workspaceModel !== 'multi') {
        return armError(
          409,
          'SingleWorkspaceModel',
          'The tenant connects one workspace at a time; set "workspaceModel": "multi" in the fixture for a primary.',
        );
      }
      const req = validate(setPrimaryBody, body);
      return req.ok ? answer(setPrimary(tenant, req.value.workspace)) : req.response;
    }
    case '/sandbox/portal/disconnect': {
      if (method !== 'POST') return methodNotAllowed(method, path);
      const req = validate(disconnectBody, body);
      if (!req.ok) return req.response;
      const { workspace, reason } = req.value;
      return answer(tenant.workspaceModel === 'multi' ? disconnectMulti(tenant, workspace, reason) : disconnectWorkspace(tenant, workspace, reason));
    }
    case '/sandbox/calls':
      if (method === 'DELETE') {
        calls.clear();
        return { status: 204 };
      }
      return method === 'GET' ? ok({ calls: calls.list() }) : methodNotAllowed(method, path);
    case '/sandbox/state':
      return method === 'GET' ? ok(structuredClone(tenant)) : methodNotAllowed(method, path);
    case '/sandbox/faults': {
      if (method === 'DELETE') {
        faults.clear();
        return { status: 204 };
      }
      if (method === 'GET') return ok({ faults: faults.list() });
      if (method !== 'POST') return methodNotAllowed(method, path);
      const req = validate(faultSchema, body);
      if (!req.ok) return req.response;
      faults.add(req.value);
      return ok({ faults: faults.list() });
    }
    default:
      return armError(404, 'NotFound', `No sandbox endpoint at ${path}; see contracts/sandbox-tenant.md.`);
  }
}
