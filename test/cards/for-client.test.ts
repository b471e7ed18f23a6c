import {
  forClient,
  renderApprovalCard,
  renderDisconnectCard,
  renderDisconnectConfirmCard,
  renderPortalStepCard,
  renderProductChangesCard,
  renderWorkspacePickerCard,
} from '../../src/cards';
import { expectValidCard, nodes, renderToElement } from './card-harness';
import { approval, disconnect, disconnectConfirm, picker, portalStep, productChanges } from './sample-views';

/** A card with an Action.Execute in every place a card may hold one, and a Universal Actions refresh. */
function everywhere() {
  const execute = (verb: string, data?: Record<string, unknown>) => ({ type: 'Action.Execute', title: verb, verb, ...(data ? { data } : {}) });
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    refresh: { action: { type: 'Action.Execute', verb: 'request.refresh', data: { requestId: 'r1', version: 2 } }, userIds: ['8:orgid:x'] },
    body: [
      { type: 'TextBlock', text: 'Hello', wrap: true },
      { type: 'ActionSet', actions: [execute('workspace.select', { requestId: 'r0' })] },
      {
        type: 'Container',
        selectAction: execute('connection.verify', { requestId: 'r1', version: 3 }),
        items: [
          {
            type: 'ColumnSet',
            columns: [{ type: 'Column', items: [{ type: 'ActionSet', actions: [execute('request.cancel', { requestId: 'r1', version: 1 })] }] }],
          },
        ],
      },
    ],
    actions: [
      { ...execute('request.approve', { requestId: 'r1', version: 2 }), style: 'positive', id: 'approve', associatedInputs: 'auto' },
      {
        type: 'Action.ShowCard',
        title: 'Reject…',
        card: {
          type: 'AdaptiveCard',
          body: [{ type: 'Input.Text', id: 'comment' }],
          actions: [execute('request.reject', { requestId: 'r1', version: 2 })],
        },
      },
      { type: 'Action.OpenUrl', title: 'Portal', url: 'https://security.microsoft.com/homepage' },
      execute('request.submit'),
    ],
  };
}

const typesOf = (card: unknown) => nodes(card).map((n) => n.node.type);

describe('forClient: one card model, two button renderings', () => {
  test.each(['emulator', 'webchat', 'directline', 'Emulator'])(
    '%s: every Action.Execute becomes an Action.Submit carrying its verb; refresh is dropped',
    (channel) => {
      const original = everywhere();
      const before = JSON.stringify(original);
      const card = forClient(original, channel);
      expect(JSON.stringify(original)).toBe(before); // the input is not modified
      expect(typesOf(card)).not.toContain('Action.Execute');
      expect(card).not.toHaveProperty('refresh');
      expect(JSON.stringify(card)).not.toContain('request.refresh');
      const submits = nodes(card)
        .map((n) => n.node)
        .filter((n) => n.type === 'Action.Submit');
      expect(submits.map((s) => s.data)).toEqual([
        { verb: 'workspace.select', requestId: 'r0' },
        { verb: 'connection.verify', requestId: 'r1', version: 3 },
        { verb: 'request.cancel', requestId: 'r1', version: 1 },
        { verb: 'request.approve', requestId: 'r1', version: 2 },
        { verb: 'request.reject', requestId: 'r1', version: 2 },
        { verb: 'request.submit' },
      ]);
      // Nothing but the type, the verb and the data changes: title, style, id and associatedInputs stay.
      expect(card.actions[0]).toEqual({
        type: 'Action.Submit',
        title: 'request.approve',
        style: 'positive',
        id: 'approve',
        associatedInputs: 'auto',
        data: { verb: 'request.approve', requestId: 'r1', version: 2 },
      });
      for (const s of submits) expect(s).not.toHaveProperty('verb');
      expect(card.actions[2]).toEqual(original.actions[2]);
      expect(card.body[0]).toEqual(original.body[0]);
    },
  );

  test.each(['msteams', '', null, undefined, 'slack'])('%s: the card is unchanged (Action.Execute, refresh kept)', (channel) => {
    const original = everywhere();
    expect(forClient(original, channel)).toBe(original);
  });

  test('a verb in the data cannot replace the action verb', () => {
    const card = forClient(
      { type: 'AdaptiveCard', body: [], actions: [{ type: 'Action.Execute', verb: 'request.cancel', data: { verb: 'request.approve', requestId: 'r' } }] },
      'emulator',
    );
    expect(card.actions[0]).toEqual({ type: 'Action.Submit', data: { verb: 'request.cancel', requestId: 'r' } });
  });

  test.each([
    ['workspace picker', () => renderWorkspacePickerCard(picker())],
    ['product changes', () => renderProductChangesCard(productChanges())],
    ['approval', () => renderApprovalCard(approval())],
    ['portal step', () => renderPortalStepCard(portalStep())],
    ['disconnect', () => renderDisconnectCard(disconnect())],
    ['disconnect confirm', () => renderDisconnectConfirmCard(disconnectConfirm())],
  ])('the %s card stays a valid card the renderer draws with Submit buttons', (_name, render) => {
    const teams = render();
    const card = forClient(teams, 'emulator');
    expectValidCard(card);
    const executes = nodes(teams).filter((n) => n.node.type === 'Action.Execute');
    const submits = nodes(card).filter((n) => n.node.type === 'Action.Submit');
    expect(executes.length).toBeGreaterThan(0);
    expect(submits.map((s) => s.path)).toEqual(executes.map((e) => e.path));
    submits.forEach((s, i) => expect(s.node.data).toEqual({ verb: executes[i].node.verb, ...(executes[i].node.data as object) }));
    expect(renderToElement(card).querySelectorAll('button').length).toBeGreaterThanOrEqual(executes.length);
  });
});
