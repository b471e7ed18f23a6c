import {
  MULTI_MODEL,
  SINGLE_MODEL,
  workspaceModel,
  type ConnectionRequest,
  type RefusalCode,
  type RequestKind,
  type WorkspaceConnection,
  type WorkspaceModel,
  type WorkspaceRef,
} from '../../src/workflow';
import { dana, lena, requestIn, workspace } from './fixtures';

const A: WorkspaceRef = workspace;
const B: WorkspaceRef = { ...workspace, name: 'law-soc-b' };
const C: WorkspaceRef = { ...workspace, name: 'law-soc-c' };

const primary = (w: WorkspaceRef): WorkspaceConnection => ({ workspace: w, role: 'primary' });
const secondary = (w: WorkspaceRef): WorkspaceConnection => ({ workspace: w, role: 'secondary' });
/** Lena's request of `kind` on `w`, in flight (submitted). */
const inFlightOn = (w: WorkspaceRef, kind: RequestKind = 'connect'): ConnectionRequest => ({
  ...requestIn('submitted', kind === 'primary' ? 'connect' : kind),
  kind,
  id: `lena-${w.name}`,
  requester: lena,
  workspace: w,
});

type Row = [string, RequestKind, WorkspaceRef, WorkspaceConnection[], ConnectionRequest[], true | RefusalCode];

function decide(model: WorkspaceModel, kind: RequestKind, w: WorkspaceRef, connections: WorkspaceConnection[], open: ConnectionRequest[]) {
  return model.canStart({ kind, workspace: w, connections, openRequests: open, requesterId: dana.id });
}

const outcome = (d: ReturnType<typeof decide>): true | RefusalCode => (d.ok ? true : d.refusal.code);

describe('the single model (the seed: one workspace at a time)', () => {
  const rows: Row[] = [
    ['connect with nothing connected', 'connect', A, [], [], true],
    ['connect while another is connected', 'connect', B, [primary(A)], [], 'already_connected'],
    ['connect the connected one again', 'connect', A, [primary(A)], [], 'already_connected'],
    ['connect while a request on another workspace is in flight', 'connect', B, [], [inFlightOn(A)], 'request_open'],
    ['disconnect the connected one', 'disconnect', A, [primary(A)], [], true],
    ['disconnect with nothing connected', 'disconnect', A, [], [], 'nothing_connected'],
    ['disconnect another than the connected one', 'disconnect', B, [primary(A)], [], 'not_connected_workspace'],
    ['disconnect while a request is in flight', 'disconnect', A, [primary(A)], [inFlightOn(B)], 'request_open'],
    ['primary (no such request in this model)', 'primary', A, [primary(A)], [], 'not_in_model'],
  ];
  it.each(rows)('%s', (_name, kind, w, connections, open, expected) => {
    expect(outcome(decide(SINGLE_MODEL, kind, w, connections, open))).toBe(expected);
  });

  it('gives every connect the primary role and always blocks on the Defender XDR connector check', () => {
    expect(SINGLE_MODEL.roleOnConnect([])).toBe('primary');
    expect(SINGLE_MODEL.roleOnConnect([primary(A)])).toBe('primary');
    expect(SINGLE_MODEL.xdrConnectorBlocks('primary')).toBe(true);
    expect(SINGLE_MODEL.xdrConnectorBlocks('secondary')).toBe(true);
    expect(SINGLE_MODEL.kinds).toEqual(['connect', 'disconnect']);
    expect(SINGLE_MODEL.requestField).toEqual({});
  });

  it('says to disconnect first, as before', () => {
    const d = decide(SINGLE_MODEL, 'connect', B, [primary(A)], []);
    expect(!d.ok && d.refusal.message).toContain('Run `disconnect` first');
  });
});

describe('the multi model (one primary, any number of secondaries)', () => {
  const rows: Row[] = [
    ['connect with nothing connected (becomes the primary)', 'connect', A, [], [], true],
    ['connect while a primary is connected (a secondary)', 'connect', B, [primary(A)], [], true],
    ['connect a third while a primary and a secondary are connected', 'connect', C, [primary(A), secondary(B)], [], true],
    ['connect the primary again', 'connect', A, [primary(A)], [], 'already_connected'],
    ['connect a secondary again', 'connect', B, [primary(A), secondary(B)], [], 'already_connected'],
    ['connect while a request on another workspace is in flight', 'connect', C, [primary(A)], [inFlightOn(B)], true],
    ['connect while a request on the same workspace is in flight', 'connect', B, [primary(A)], [inFlightOn(B)], 'request_open'],
    ['disconnect a secondary', 'disconnect', B, [primary(A), secondary(B)], [], true],
    ['disconnect the primary while secondaries remain', 'disconnect', A, [primary(A), secondary(B)], [], 'primary_has_secondaries'],
    ['disconnect the primary alone', 'disconnect', A, [primary(A)], [], true],
    ['disconnect with nothing connected', 'disconnect', A, [], [], 'nothing_connected'],
    ['disconnect a workspace that is not connected', 'disconnect', C, [primary(A), secondary(B)], [], 'not_connected_workspace'],
    [
      'disconnect a secondary while another secondary has a request in flight',
      'disconnect',
      B,
      [primary(A), secondary(B), secondary(C)],
      [inFlightOn(C, 'disconnect')],
      true,
    ],
    ['make a secondary the primary', 'primary', B, [primary(A), secondary(B)], [], true],
    ['make the primary the primary', 'primary', A, [primary(A), secondary(B)], [], 'already_primary'],
    ['make a workspace that is not connected the primary', 'primary', C, [primary(A), secondary(B)], [], 'not_connected_workspace'],
    ['make the primary with nothing connected', 'primary', A, [], [], 'nothing_connected'],
    [
      'make a secondary the primary while the primary has a request in flight',
      'primary',
      B,
      [primary(A), secondary(B)],
      [inFlightOn(A, 'connect')],
      'request_open',
    ],
    ['disconnect the primary while a change of primary is in flight', 'disconnect', A, [primary(A)], [inFlightOn(B, 'primary')], 'request_open'],
  ];
  it.each(rows)('%s', (_name, kind, w, connections, open, expected) => {
    expect(outcome(decide(MULTI_MODEL, kind, w, connections, open))).toBe(expected);
  });

  it('makes the first connect the primary and later ones secondaries', () => {
    expect(MULTI_MODEL.roleOnConnect([])).toBe('primary');
    expect(MULTI_MODEL.roleOnConnect([primary(A)])).toBe('secondary');
    expect(MULTI_MODEL.roleOnConnect([primary(A), secondary(B)])).toBe('secondary');
  });

  it('blocks on the Defender XDR connector check for the primary only (information for a secondary)', () => {
    expect(MULTI_MODEL.xdrConnectorBlocks('primary')).toBe(true);
    expect(MULTI_MODEL.xdrConnectorBlocks('secondary')).toBe(false);
  });

  it('refuses disconnecting the primary with what to do: make another primary first', () => {
    const d = decide(MULTI_MODEL, 'disconnect', A, [primary(A), secondary(B), secondary(C)], []);
    expect(d.ok).toBe(false);
    expect(!d.ok && d.refusal.message).toContain('`primary law-soc-b`');
    expect(!d.ok && d.refusal.message).toContain('2 secondary workspaces (law-soc-b, law-soc-c)');
  });

  it("replaces the caller's own drafts, ignores other people's, and marks its requests", () => {
    const own = requestIn('draft', 'connect');
    const theirs = { ...requestIn('draft', 'connect'), id: 'lena-draft', requester: lena };
    expect(decide(MULTI_MODEL, 'connect', B, [primary(A)], [own, theirs])).toEqual({ ok: true, draftsToCancel: [own] });
    expect(MULTI_MODEL.requestField).toEqual({ workspaceModel: 'multi' });
    expect(MULTI_MODEL.kinds).toContain('primary');
  });
});

describe('workspaceModel', () => {
  it('names each model', () => {
    expect(workspaceModel('single')).toBe(SINGLE_MODEL);
    expect(workspaceModel('multi')).toBe(MULTI_MODEL);
  });
});
