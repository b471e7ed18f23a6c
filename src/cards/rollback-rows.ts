import { DISPLAY_LIMITS, present, safeLinkUrl, truncate } from './display-text';
import type { PortalTurnedOffView, RollbackRuleView, RollbackView } from './views';

/** Rules a list names before counting the rest: the card stays inside Teams' size limit. */
export const MAX_LISTED_ROLLBACK_RULES = 25;

/** Whether the checklist is shown before the disconnect (its cards) or after it (the post, `status`). */
export type RollbackPhase = 'before' | 'after';

interface RuleLine {
  name: string;
  detail: string;
}

function ruleLines(rules: RollbackRuleView[]): { lines: RuleLine[]; more: number } {
  const lines = rules.slice(0, MAX_LISTED_ROLLBACK_RULES).map((r) => ({
    name: truncate(r.displayName, DISPLAY_LIMITS.name),
    detail: truncate(
      r.kind === 'fusion' ? '  —  Fusion rule' : `  —  Microsoft incident creation rule${r.product ? `, ${r.product}` : ''}`,
      DISPLAY_LIMITS.line,
    ),
  }));
  return { lines, more: rules.length - lines.length };
}

/** Our own markdown links, fixed texts and URLs made safe for link syntax. */
function links(pairs: Array<[text: string, url: string]>): string {
  return pairs
    .map(([text, url]) => [text, safeLinkUrl(url)] as const)
    .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
    .map(([text, url]) => `[${text}](${url})`)
    .join('  ·  ');
}

/** Template data of the rollback checklist (disconnect cards, the disconnected post, `status`). */
export interface RollbackSectionData {
  hasRollback: boolean;
  rollbackTitle: string;
  rollbackConnector: string;
  rollbackIntro: string;
  rollbackRules: RuleLine[];
  hasRollbackMore: boolean;
  rollbackMoreText: string;
  hasRollbackNote: boolean;
  rollbackNote: string;
  rollbackLinks: string;
}

const CONNECTOR_WORDS: Record<RollbackPhase, string> = {
  before:
    'Disconnecting also turns off the Defender XDR connector of this workspace: Microsoft Sentinel stops receiving Defender XDR incidents and ' +
    'alerts until someone reconnects it.',
  after: 'The disconnect turned off the Defender XDR connector: reconnect it if Microsoft Sentinel should receive Defender XDR incidents again.',
};

/** A secondary has no Defender XDR connector streaming (the primary keeps it); joining removed its standalone Microsoft connectors. */
const SECONDARY_CONNECTOR_WORDS: Record<RollbackPhase, string> = {
  before:
    'A secondary workspace: the Defender XDR connector stays with the primary. The portal removed its standalone Microsoft connectors ' +
    '(Defender for Endpoint, Office 365, Identity, Cloud Apps, Entra ID Protection) when it joined: disconnecting does not bring them back.',
  after:
    'A secondary workspace: the primary keeps the Defender XDR connector. Reconnect its standalone Microsoft connectors in Microsoft ' +
    'Sentinel > Data connectors if it should receive their data again.',
};

function introOf(view: RollbackView, phase: RollbackPhase): string {
  const after = phase === 'before' ? 'After the disconnect, re-check' : 'Re-check';
  if (view.rules === null) {
    return (
      `The bot could not read the workspace's rules. ${after} the Fusion rule and the Microsoft incident creation rules ` +
      'in Microsoft Sentinel > Analytics (Azure portal) by hand.'
    );
  }
  if (view.rules.length === 0) {
    return view.source === 'snapshot'
      ? 'Connecting turned no Fusion rule or Microsoft incident creation rule off that is still off: no rule to turn back on.'
      : 'No Fusion rule or Microsoft incident creation rule of the workspace is off now: no rule to turn back on.';
  }
  const why =
    view.source === 'snapshot'
      ? 'Connecting turned these off.'
      : 'The bot has no record of this connection (made in the portal), so these are the rules that are off now; connecting turns such rules off.';
  return (
    `${why} Microsoft's docs do not say whether disconnecting turns them back on. ${after} each in Microsoft Sentinel > Analytics ` +
    '(Azure portal) and turn it back on by hand:'
  );
}

/** Maps a rollback checklist to the data of its section; absent → the section is hidden. */
export function rollbackSectionData(view: RollbackView | undefined, phase: RollbackPhase, title?: string): RollbackSectionData {
  if (!view) {
    return {
      hasRollback: false,
      rollbackTitle: '',
      rollbackConnector: '',
      rollbackIntro: '',
      rollbackRules: [],
      hasRollbackMore: false,
      rollbackMoreText: '',
      hasRollbackNote: false,
      rollbackNote: '',
      rollbackLinks: '',
    };
  }
  const { lines, more } = ruleLines(view.rules ?? []);
  const kinds = new Set((view.rules ?? []).map((r) => r.kind));
  const unknown = view.rules === null;
  return {
    hasRollback: true,
    rollbackTitle: truncate(
      title ?? (phase === 'before' ? 'Before you disconnect: what to turn back on by hand' : 'Turn back on by hand'),
      DISPLAY_LIMITS.title,
    ),
    rollbackConnector: (view.secondary ? SECONDARY_CONNECTOR_WORDS : CONNECTOR_WORDS)[phase],
    rollbackIntro: introOf(view, phase),
    rollbackRules: lines,
    hasRollbackMore: more > 0,
    rollbackMoreText: `…and ${more} more (see Microsoft Sentinel > Analytics).`,
    hasRollbackNote: present(view.note),
    rollbackNote: truncate(view.note, DISPLAY_LIMITS.line),
    rollbackLinks: links([
      ...(unknown || kinds.has('fusion') ? ([['Turn the Fusion rule back on', view.links.fusion]] as Array<[string, string]>) : []),
      ...(unknown || kinds.has('incident-creation') ? ([['Microsoft incident creation rules', view.links.incidentCreation]] as Array<[string, string]>) : []),
      ...(view.secondary ? [] : ([['Reconnect the Defender XDR connector', view.links.connector]] as Array<[string, string]>)),
      ...(phase === 'before' ? ([['What disconnecting does', view.links.offboard]] as Array<[string, string]>) : []),
    ]),
  };
}

/** Template data of "What the portal turned off" in the connected post. */
export interface TurnedOffSectionData {
  hasTurnedOff: boolean;
  turnedOffIntro: string;
  turnedOffRules: RuleLine[];
  hasTurnedOffMore: boolean;
  turnedOffMoreText: string;
  turnedOffConnectors: Array<{ name: string }>;
  hasTurnedOffNote: boolean;
  turnedOffNote: string;
}

/** Maps what the portal turned off to the data of its section in the connected post. */
export function turnedOffSectionData(view: PortalTurnedOffView | undefined): TurnedOffSectionData {
  if (!view) {
    return {
      hasTurnedOff: false,
      turnedOffIntro: '',
      turnedOffRules: [],
      hasTurnedOffMore: false,
      turnedOffMoreText: '',
      turnedOffConnectors: [],
      hasTurnedOffNote: false,
      turnedOffNote: '',
    };
  }
  const { lines, more } = ruleLines(view.rules);
  const connectors = view.connectors.slice(0, MAX_LISTED_ROLLBACK_RULES).map((name) => ({ name: truncate(name, DISPLAY_LIMITS.name) }));
  const nothing = view.rules.length === 0 && view.connectors.length === 0;
  return {
    hasTurnedOff: true,
    turnedOffIntro: nothing
      ? present(view.note)
        ? ''
        : 'Nothing the bot saw on before connecting is off now.'
      : 'On before connecting, off now. Should the workspace be disconnected later, the disconnect card lists them to turn back on:',
    turnedOffRules: lines,
    hasTurnedOffMore: more > 0,
    turnedOffMoreText: `…and ${more} more.`,
    turnedOffConnectors: connectors,
    hasTurnedOffNote: present(view.note),
    turnedOffNote: truncate(view.note, DISPLAY_LIMITS.line),
  };
}
