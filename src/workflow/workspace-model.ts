import { canStartRequest, draftsToReplace, type StartRequestDecision } from './can-start-request';
import { isInFlight, type ConnectionRequest, type RequestKind, type WorkspaceRole } from './connection-request';
import { describeRequest, describeState } from './describe-request';
import { refuse, type Refusal } from './refusal';
import { formatWorkspace, sameWorkspace, type WorkspaceRef } from './workspace-ref';

/** `WORKSPACE_MODEL`: the seed's one workspace at a time, or today's portal (one primary, any number of secondaries). */
export type WorkspaceModelName = 'single' | 'multi';

export const WORKSPACE_MODEL_NAMES: readonly WorkspaceModelName[] = ['single', 'multi'];

/** A workspace connected to the Defender portal, and its role there. */
export interface WorkspaceConnection {
  workspace: WorkspaceRef;
  role: WorkspaceRole;
}

/** What a model decides a new request from. */
export interface ModelStartInput {
  kind: RequestKind;
  workspace: WorkspaceRef;
  /** The tenant's connected workspaces (the bot's records, or what Azure shows). */
  connections: WorkspaceConnection[];
  /** The tenant's open requests (draft, submitted, approved). */
  openRequests: ConnectionRequest[];
  /** Entra object id of the person starting the request. */
  requesterId: string;
}

/**
 * The rules of one workspace model, as data and pure functions: the application asks the model
 * instead of branching on its name.
 */
export interface WorkspaceModel {
  readonly name: WorkspaceModelName;
  /** The request kinds this model has. */
  readonly kinds: readonly RequestKind[];
  /** Whether a request may start; the caller's own drafts it replaces. */
  canStart(input: ModelStartInput): StartRequestDecision;
  /** The role a workspace connected now gets. */
  roleOnConnect(connections: WorkspaceConnection[]): WorkspaceRole;
  /** Whether the Defender XDR connector check blocks a connect of a workspace that gets `role`. */
  xdrConnectorBlocks(role: WorkspaceRole): boolean;
  /** Whether a request's workspace model field is set (the store keeps one active request per workspace). */
  readonly requestField: { workspaceModel?: 'multi' };
}

/** The seed's rule: one workspace connected at a time, one request in flight per tenant. */
export const SINGLE_MODEL: WorkspaceModel = {
  name: 'single',
  kinds: ['connect', 'disconnect'],
  canStart(input) {
    if (input.kind === 'primary') {
      return {
        ok: false,
        refusal: refuse(
          'not_in_model',
          'Only one workspace is connected at a time here (WORKSPACE_MODEL=single), so there is no primary to change. ' +
            'Ask the bot operator about WORKSPACE_MODEL=multi to connect secondaries.',
        ),
      };
    }
    return canStartRequest({
      kind: input.kind,
      workspace: input.workspace,
      connectedWorkspace: input.connections[0]?.workspace ?? null,
      openRequests: input.openRequests,
      requesterId: input.requesterId,
    });
  },
  roleOnConnect: () => 'primary',
  xdrConnectorBlocks: () => true,
  requestField: {},
};

/** Today's portal: one primary and any number of secondaries, one request in flight per workspace. */
export const MULTI_MODEL: WorkspaceModel = {
  name: 'multi',
  kinds: ['connect', 'disconnect', 'primary'],
  canStart(input) {
    const primary = input.connections.find((c) => c.role === 'primary') ?? null;
    // A change of primary also changes the current primary: a request in flight on either blocks it.
    const touched = input.kind === 'primary' && primary ? [input.workspace, primary.workspace] : [input.workspace];
    const inFlight = input.openRequests.find((r) => isInFlight(r) && touched.some((w) => sameWorkspace(w, r.workspace)));
    if (inFlight) return { ok: false, refusal: requestOpenOnWorkspace(inFlight, input.requesterId) };
    if (input.kind !== 'primary') {
      const primaryChange = input.openRequests.find((r) => isInFlight(r) && r.kind === 'primary');
      if (primaryChange && primary && sameWorkspace(primary.workspace, input.workspace)) {
        return { ok: false, refusal: requestOpenOnWorkspace(primaryChange, input.requesterId) };
      }
    }
    const refusal = multiRefusal(input);
    if (refusal) return { ok: false, refusal };
    return { ok: true, draftsToCancel: draftsToReplace(input.openRequests, input.requesterId) };
  },
  roleOnConnect: (connections) => (connections.some((c) => c.role === 'primary') ? 'secondary' : 'primary'),
  xdrConnectorBlocks: (role) => role === 'primary',
  requestField: { workspaceModel: 'multi' },
};

/** The model of this name. */
export function workspaceModel(name: WorkspaceModelName): WorkspaceModel {
  return name === 'multi' ? MULTI_MODEL : SINGLE_MODEL;
}

/** The model a stored request was made under. */
export function modelOfRequest(request: Pick<ConnectionRequest, 'workspaceModel'>): WorkspaceModel {
  return request.workspaceModel === 'multi' ? MULTI_MODEL : SINGLE_MODEL;
}

function multiRefusal(input: ModelStartInput): Refusal | null {
  const own = input.connections.find((c) => sameWorkspace(c.workspace, input.workspace));
  const name = formatWorkspace(input.workspace);
  const secondaries = input.connections.filter((c) => c.role === 'secondary');
  switch (input.kind) {
    case 'connect':
      return own
        ? refuse(
            'already_connected',
            `Workspace ${name} is already connected to the Defender portal as the ${own.role}. Type \`status\` to see the connections.`,
          )
        : null;
    case 'disconnect':
      if (!own) return notConnected(input.workspace, input.connections);
      if (own.role === 'primary' && secondaries.length > 0) {
        return refuse(
          'primary_has_secondaries',
          `${name} is the primary workspace, and ${secondaries.length} secondary workspace${secondaries.length === 1 ? '' : 's'} ` +
            `(${secondaries.map((c) => c.workspace.name).join(', ')}) remain connected. Make another workspace the primary first ` +
            `(\`primary ${secondaries[0].workspace.name}\`), or disconnect the secondaries, then disconnect ${input.workspace.name}.`,
        );
      }
      return null;
    case 'primary':
      if (!own) return notConnected(input.workspace, input.connections);
      if (own.role === 'primary') {
        return refuse('already_primary', `${name} is already the primary workspace. Type \`status\` to see the connections.`);
      }
      return null;
  }
}

function notConnected(workspace: WorkspaceRef, connections: WorkspaceConnection[]): Refusal {
  if (connections.length === 0) {
    return refuse(
      'nothing_connected',
      `No workspace is connected to the Defender portal, so ${formatWorkspace(workspace)} cannot be changed. Type \`status\` to see the current state.`,
    );
  }
  return refuse(
    'not_connected_workspace',
    `${formatWorkspace(workspace)} is not connected to the Defender portal; the connected workspaces are ` +
      `${connections.map((c) => `${c.workspace.name} (${c.role})`).join(', ')}. Type \`status\` to see them.`,
  );
}

function requestOpenOnWorkspace(request: ConnectionRequest, requesterId: string): Refusal {
  const own = request.requester.id.toLowerCase() === requesterId.toLowerCase();
  const whose = own ? 'Your' : `${request.requester.name}'s`;
  const next = own ? 'run `cancel` first if you want to start another' : 'wait until it is finished, or ask them to cancel it';
  return refuse(
    'request_open',
    `${whose} ${describeRequest(request)} is ${describeState(request)}. Only one request per workspace can be open at a time: ${next}.`,
  );
}
