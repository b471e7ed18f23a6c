import { canStartRequest, draftsToReplace, type ConnectionRequest, type StartRequestInput } from '../../src/workflow';
import { dana, lena, otherWorkspace, requestIn, workspace } from './fixtures';

const byLena = (r: ConnectionRequest): ConnectionRequest => ({ ...r, id: `lena-${r.state}`, requester: lena });

function decide(overrides: Partial<StartRequestInput>) {
  return canStartRequest({
    kind: 'connect',
    workspace,
    connectedWorkspace: null,
    openRequests: [],
    requesterId: dana.id,
    ...overrides,
  });
}

describe('canStartRequest', () => {
  it('lets a connect start when nothing is connected or open', () => {
    expect(decide({})).toEqual({ ok: true, draftsToCancel: [] });
  });

  it('refuses a connect while a workspace is connected, naming it and saying to disconnect first', () => {
    const result = decide({ connectedWorkspace: otherWorkspace });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal.code).toBe('already_connected');
    expect(result.refusal.message).toContain('d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/rg-soc/law-soc-test');
    expect(result.refusal.message).toContain('`disconnect`');
  });

  it.each(['submitted', 'approved'] as const)("refuses while another person's request is %s, naming it", (state) => {
    for (const kind of ['connect', 'disconnect'] as const) {
      const result = decide({ kind, connectedWorkspace: workspace, openRequests: [byLena(requestIn(state, 'disconnect'))] });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.refusal.code).toBe('request_open');
      expect(result.refusal.message).toContain("Lena Vogt's disconnect request for d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/rg-soc/law-soc-prod");
    }
  });

  it("refuses while the caller's own request is in flight, pointing to cancel", () => {
    const result = decide({ openRequests: [requestIn('submitted', 'connect')] });
    expect(result).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'request_open' }) });
    expect(!result.ok && result.refusal.message).toContain('`cancel`');
  });

  it("ignores other people's drafts and replaces the caller's own", () => {
    const own = requestIn('draft', 'connect');
    const theirs = byLena(requestIn('draft', 'connect'));
    expect(decide({ openRequests: [own, theirs] })).toEqual({ ok: true, draftsToCancel: [own] });
  });

  it('refuses a disconnect when nothing is connected', () => {
    expect(decide({ kind: 'disconnect' })).toEqual({
      ok: false,
      refusal: expect.objectContaining({ code: 'nothing_connected' }),
    });
  });

  it('refuses a disconnect of a workspace other than the connected one', () => {
    const result = decide({ kind: 'disconnect', workspace: otherWorkspace, connectedWorkspace: workspace });
    expect(result).toEqual({ ok: false, refusal: expect.objectContaining({ code: 'not_connected_workspace' }) });
  });

  it('lets a disconnect of the connected workspace start, comparing case-insensitively', () => {
    const shouty = {
      subscriptionId: workspace.subscriptionId.toUpperCase(),
      resourceGroup: 'RG-SOC',
      name: 'LAW-SOC-PROD',
    };
    expect(decide({ kind: 'disconnect', workspace: shouty, connectedWorkspace: workspace })).toEqual({
      ok: true,
      draftsToCancel: [],
    });
  });
});

describe('draftsToReplace', () => {
  it("returns only the caller's drafts, matching the object id in any case", () => {
    const own = requestIn('draft', 'disconnect');
    const submitted = requestIn('submitted', 'connect');
    expect(draftsToReplace([own, submitted, byLena(requestIn('draft', 'connect'))], dana.id.toUpperCase())).toEqual([own]);
  });
});
