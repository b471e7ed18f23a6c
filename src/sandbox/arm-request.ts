import type { TenantFixture } from './fixture-schema';

/** An ARM request as the emulator's routes see it. */
export interface ArmRequest {
  method: string;
  /** Path without `/sandbox/arm` and without the query string. */
  path: string;
  /** The path's segments, URL-decoded. */
  seg: string[];
  query: URLSearchParams;
  /** The `api-version` query parameter ('' when absent). */
  apiVersion: string;
  /** `<origin>/sandbox/arm`, for `nextLink`. */
  armBase: string;
  /** Who is calling: `bot` (the sandbox token), `anonymous` (no Authorization header), else `unknown` (a person's token). */
  principal: string;
  /** The request body ('' when none). */
  body: string;
}

/** What every ARM route answers from: the tenant and the sandbox's settings. */
export interface ArmContext {
  tenant: TenantFixture;
  /** Items per page of a list (SANDBOX_PAGE_SIZE). */
  pageSize: number;
  /** The bot's own identity, as ARM names it in AuthorizationFailed. */
  bot: { clientId: string; objectId: string };
}
