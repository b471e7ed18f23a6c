import type { WorkspaceRef } from './workspace-ref';
import type { DraftRequest, PortalPath, RequestKind } from './connection-request';
import type { Person } from './person';

/** What a new request starts from; `id` and `at` come from the caller (no clock, no randomness here). */
export interface CreateDraftInput {
  id: string;
  tenantId: string;
  kind: RequestKind;
  workspace: WorkspaceRef;
  requester: Person;
  /** ISO 8601 creation time. */
  at: string;
  /** Connect only; defaults to `standard` (the tenant has Defender XDR). Ignored for disconnect. */
  portalPath?: PortalPath;
}

/** A new draft request at version 1. */
export function createDraft(input: CreateDraftInput): DraftRequest {
  return {
    id: input.id,
    tenantId: input.tenantId,
    kind: input.kind,
    state: 'draft',
    version: 1,
    workspace: { ...input.workspace },
    requester: { ...input.requester },
    createdAt: input.at,
    updatedAt: input.at,
    ...(input.kind === 'connect' ? { portalPath: input.portalPath ?? 'standard' } : {}),
  };
}
