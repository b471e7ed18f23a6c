import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { RESOURCE_GRAPH_API_VERSIONS } from './api-versions';
import { armError, ok, type EmulatedResponse } from './emulated-response';
import type { TenantFixture } from './fixture-schema';
import { parseJson } from './http-io';
import { KqlError, parseKql } from './resource-graph-kql';
import type { ResourceGraphQuota } from './resource-graph-quota';
import { KqlResolveError, runKql, type GraphRow } from './resource-graph-run';
import { resourceGraphTables } from './resource-graph-tables';

/** `POST /providers/Microsoft.ResourceGraph/resources`, case-insensitively. */
export const RESOURCE_GRAPH_PATH = /^\/providers\/microsoft\.resourcegraph\/resources\/?$/i;

/** The most rows one page holds (`$top` is 1..1000; Learn, "Working with large Azure resource data sets"). */
const MAX_ROWS = 1000;

// QueryRequest of specification/resourcegraph/.../stable/2021-03-01/resourcegraph.json (2024-04-01 adds authorizationScopeFilter).
const queryRequest = z.object({
  subscriptions: z.array(z.string()).optional(),
  managementGroups: z.array(z.string()).optional(),
  query: z.string({ message: "Required property 'query' not found in JSON." }),
  options: z
    .object({
      $skipToken: z.string().optional(),
      $top: z.number().int().min(1).max(MAX_ROWS).optional(),
      $skip: z.number().int().min(0).optional(),
      resultFormat: z.enum(['table', 'objectArray']).optional(),
      allowPartialScopes: z.boolean().optional(),
      authorizationScopeFilter: z.enum(['AtScopeAndBelow', 'AtScopeAndAbove', 'AtScopeExact', 'AtScopeAboveAndBelow']).optional(),
    })
    .optional(),
  facets: z.array(z.unknown()).optional(),
});

/** What a Resource Graph request brings: its api-version, body and caller. */
export interface ResourceGraphRequest {
  method: string;
  apiVersion: string;
  body: string;
  principal: string;
}

/** Resource Graph's 400 for a query it cannot run: a support line, then InvalidQuery and what went wrong. */
function invalidQuery(detail: Record<string, unknown>): EmulatedResponse {
  return {
    status: 400,
    body: {
      error: {
        code: 'BadRequest',
        message: `Please provide below info when asking for support: timestamp = ${new Date().toISOString()}, correlationId = ${randomUUID()}.`,
        details: [
          {
            code: 'InvalidQuery',
            message: 'Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.',
          },
          detail,
        ],
      },
    },
  };
}

/** Resource Graph's 429 once the user's quota is spent (code RateLimiting, https://aka.ms/resourcegraph-throttling). */
function rateLimited(headers: Record<string, string>): EmulatedResponse {
  return {
    status: 429,
    headers,
    body: {
      error: {
        code: 'RateLimiting',
        message: `Please provide below info when asking for support: timestamp = ${new Date().toISOString()}, correlationId = ${randomUUID()}.`,
        details: [
          {
            code: 'RateLimiting',
            message:
              'Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed. ' +
              'Please see https://aka.ms/resourcegraph-throttling for help.',
          },
        ],
      },
    },
  };
}

const encodeSkipToken = (offset: number): string => Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');

function decodeSkipToken(token: string): number | undefined {
  try {
    const offset = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown }).offset;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

const columnType = (values: unknown[]): string => {
  const sample = values.find((v) => v !== null && v !== undefined);
  if (typeof sample === 'number') return Number.isInteger(sample) ? 'integer' : 'number';
  if (typeof sample === 'boolean') return 'boolean';
  return typeof sample === 'object' ? 'object' : 'string';
};

/**
 * Resource Graph, over the tenant: the query parsed (the part of KQL the sandbox knows,
 * see resource-graph-kql.ts), run over `resources` and `authorizationresources` of the
 * subscriptions the bot can read, paged with `$top` / `$skip` / `$skipToken` (a page
 * holds at most 1,000 rows; without an `id` column a longer result is truncated, as
 * Resource Graph does), as `objectArray` or `table`, under the user quota (`quota`, or
 * none when throttling is off).
 */
export function routeResourceGraph(tenant: TenantFixture, quota: ResourceGraphQuota | null, req: ResourceGraphRequest): EmulatedResponse {
  if (req.method !== 'POST') return armError(405, 'MethodNotAllowed', `Resource Graph queries are POST requests; ${req.method} is not supported.`);
  if (!RESOURCE_GRAPH_API_VERSIONS.includes(req.apiVersion.toLowerCase())) {
    return req.apiVersion
      ? armError(
          400,
          'InvalidApiVersionParameter',
          `The api-version '${req.apiVersion}' is invalid. The supported versions are '${[...RESOURCE_GRAPH_API_VERSIONS].reverse().join(',')}'.`,
        )
      : armError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
  }
  const json = parseJson(req.body);
  if (!json.ok) return armError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: ${json.message}`);
  const parsed = queryRequest.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return armError(400, 'InvalidRequestContent', `The request content was invalid: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : ''}`);
  }
  const request = parsed.data;
  const taken = quota?.take(req.principal);
  const headers = taken?.headers ?? {};
  if (taken && !taken.allowed) return rateLimited(headers);
  if ((request.managementGroups ?? []).length > 0 || (request.facets ?? []).length > 0) {
    return {
      ...armError(400, 'BadRequest', 'The sandbox tenant has no management groups and computes no facets: query subscriptions or the tenant.'),
      headers,
    };
  }

  let result;
  try {
    result = runKql(parseKql(request.query), resourceGraphTables(tenant, request.subscriptions));
  } catch (err) {
    if (err instanceof KqlError) {
      const detail =
        err.reason === 'parser'
          ? { code: 'ParserFailure', message: 'ParserFailure', line: err.line, characterPositionInLine: err.position, token: err.token }
          : { code: 'UnsupportedQuery', message: err.message, line: err.line, characterPositionInLine: err.position, token: err.token };
      return { ...invalidQuery(detail), headers };
    }
    if (err instanceof KqlResolveError) return { ...invalidQuery({ code: 'FailedToResolveEntity', message: err.message }), headers };
    throw err;
  }

  const options = request.options ?? {};
  const top = options.$top ?? MAX_ROWS;
  const offset = options.$skipToken !== undefined ? decodeSkipToken(options.$skipToken) : (options.$skip ?? 0);
  if (offset === undefined) return { ...invalidQuery({ code: 'InvalidSkipToken', message: 'The $skipToken is not valid for this query.' }), headers };
  const page: GraphRow[] = result.rows.slice(offset, offset + top).map((row) => Object.fromEntries(result.columns.map((c) => [c, row[c] ?? null])));
  const more = offset + top < result.rows.length;
  // Resource Graph pages only by `id`: a longer result without it is cut (resultTruncated), with no $skipToken.
  const pageable = result.columns.includes('id');
  const data =
    options.resultFormat === 'table'
      ? {
          columns: result.columns.map((name) => ({ name, type: columnType(page.map((r) => r[name])) })),
          rows: page.map((r) => result.columns.map((c) => r[c])),
        }
      : page;
  return {
    ...ok({
      totalRecords: result.rows.length,
      count: page.length,
      resultTruncated: more && !pageable ? 'true' : 'false',
      ...(more && pageable ? { $skipToken: encodeSkipToken(offset + top) } : {}),
      data,
      facets: [],
    }),
    headers,
  };
}
