/**
 * Clients that render no Universal Actions (`Action.Execute`, `refresh`): the Bot Framework
 * Emulator and Web Chat, over Direct Line. The bot serves them in sandbox mode only.
 */
export const CLIENTS_WITHOUT_UNIVERSAL_ACTIONS: readonly string[] = ['emulator', 'webchat', 'directline'];

/** Whether a channel's client needs `Action.Submit` buttons instead of `Action.Execute`. */
export function lacksUniversalActions(channelId: string | null | undefined): boolean {
  return typeof channelId === 'string' && CLIENTS_WITHOUT_UNIVERSAL_ACTIONS.includes(channelId.toLowerCase());
}

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The card as the channel's client can use it. For a client without Universal Actions every
 * `Action.Execute` — wherever it is: the card's actions, an ActionSet, a container's
 * selectAction, the card of an Action.ShowCard — becomes an `Action.Submit` whose data is
 * `{"verb": <verb>, …the same data}`, and `refresh` (Universal Actions only) is left out.
 * Any other channel gets the card unchanged. The input is never modified.
 */
export function forClient<C>(card: C, channelId: string | null | undefined): C {
  if (!lacksUniversalActions(channelId)) return card;
  return rewrite(card) as C;
}

function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (!isNode(value)) return value;
  const out: Node = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'refresh' && value.type === 'AdaptiveCard') continue;
    out[key] = rewrite(child);
  }
  return out.type === 'Action.Execute' ? toSubmit(out) : out;
}

function toSubmit(action: Node): Node {
  const { verb, data, type: _type, ...rest } = action;
  const fields = isNode(data) ? data : {};
  const { verb: _shadowed, ...same } = fields;
  return { ...rest, type: 'Action.Submit', data: { verb, ...same } };
}
