import { ok, type EmulatedResponse } from './emulated-response';
import type { ArmRequest } from './arm-request';

type Json = Record<string, unknown>;

/**
 * One page of an ARM list: `{"value": [...], "nextLink": "<absolute url>"}` with at most
 * `pageSize` items. The nextLink repeats the request's query (api-version included, as
 * ARM's do) with a `$skipToken`; `extra` adds fields such as a subscription list's `count`.
 */
export function pageArmList(req: ArmRequest, items: Json[], pageSize: number, extra: Json = {}): EmulatedResponse {
  const skip = Math.max(0, Number.parseInt(req.query.get('$skipToken') ?? '0', 10) || 0);
  const body: Json = { ...extra, value: items.slice(skip, skip + pageSize) };
  if (skip + pageSize < items.length) {
    const next = new URLSearchParams(req.query);
    next.set('$skipToken', String(skip + pageSize));
    body.nextLink = `${req.armBase}${req.path}?${next.toString()}`;
  }
  return ok(body);
}
