import { DISPLAY_LIMITS, safeLinkUrl, truncate } from './display-text';
import type { AutomationEffectView, ImpactEntryView, ImpactItemKindView, ImpactItemView, ImpactView } from './views';

/** The words of each impact item: its title, what it means, what "none" and "could not be checked" say, where to see every name. */
const ITEM_WORDS: Record<ImpactItemKindView, { title: string; consequence: string; none: string; unknown: string; seeAll: string }> = {
  automation: {
    title: 'Automation rules',
    consequence:
      'Their conditions or trigger change meaning in the Defender portal: an Incident provider condition is removed, so the rule runs on ' +
      'Microsoft Sentinel and Defender XDR incidents alike; a Description condition will not work; incident titles may change; Updated by ' +
      'Microsoft 365 Defender becomes Other; alert triggers act on Microsoft Sentinel alerts only. Review each rule and the playbooks it runs.',
    none: 'No enabled automation rule has a condition or trigger that changes meaning.',
    unknown: 'Could not be checked: the automation rules could not be read. Review them by hand before connecting.',
    seeAll: 'Microsoft Sentinel > Automation',
  },
  'alerts-not-shown': {
    title: 'Alerts not shown in the Defender portal',
    consequence:
      'These rules raise alerts without creating incidents. Such alerts are not visible in the Defender portal (they stay in the SecurityAlert ' +
      'table). Turn incident creation on for those the SOC must see.',
    none: 'Every enabled scheduled and NRT rule creates incidents.',
    unknown: 'Could not be checked: the analytics rules could not be read.',
    seeAll: 'Microsoft Sentinel > Analytics',
  },
  'customer-managed-key': {
    title: 'Customer-managed keys',
    consequence:
      'The workspace uses customer-managed keys. Its log data, analytics rules and automation rules stay CMK-encrypted, but alerts and ' +
      'incidents are no longer CMK-encrypted once connected.',
    none: 'The workspace does not use customer-managed keys.',
    unknown: 'Could not be checked: the Microsoft Sentinel onboarding state could not be read.',
    seeAll: '',
  },
  fusion: {
    title: 'Fusion rule',
    consequence: 'Turned off when the workspace is connected; the Defender XDR correlation engine takes over multistage attack detection.',
    none: 'No Fusion rule is enabled.',
    unknown: 'Could not be checked: the analytics rules could not be read.',
    seeAll: 'Microsoft Sentinel > Analytics',
  },
  'incident-creation-rules': {
    title: 'Microsoft incident creation rules',
    consequence: 'Deactivated to avoid duplicate incidents: the Defender portal creates incidents itself.',
    none: 'No Microsoft incident creation rule is enabled.',
    unknown: 'Could not be checked: the analytics rules could not be read.',
    seeAll: 'Microsoft Sentinel > Analytics',
  },
  grouping: {
    title: 'Alert grouping and reopening',
    consequence:
      'No longer honoured: the Defender XDR correlation engine controls alert grouping and incident merging, and closed incidents are not ' +
      'reopened (new alerts create new incidents).',
    none: 'No enabled rule groups alerts or reopens closed incidents.',
    unknown: 'Could not be checked: the analytics rules could not be read.',
    seeAll: 'Microsoft Sentinel > Analytics',
  },
};

/** Short words for each automation effect, shown after the rule's name. */
const EFFECT_WORDS: Record<AutomationEffectView, string> = {
  'description-condition': 'Description condition will not work',
  'provider-condition': 'Incident provider condition removed: runs on Defender XDR incidents too',
  'updated-by-defender': 'Updated by Microsoft 365 Defender becomes Other',
  'fusion-rule-condition': 'names the Fusion rule, which is turned off',
  'title-condition': 'Title condition: incident titles may change',
  'alert-trigger': 'alert trigger: acts on Microsoft Sentinel alerts only',
};

const SETTING_WORDS = { 'reopen-closed-incidents': 'reopens closed incidents', 'alert-grouping': 'groups alerts into incidents' } as const;

/** Entries shown before the fold. */
export const IMPACT_SHOWN_ENTRIES = 3;

/** Room, in bytes of entry text, for the folded entries of all items together: the card stays inside Teams' limit. */
export const IMPACT_FOLD_BUDGET = 8000;

/** One entry's line: the name, and its details (product, settings, effects, playbooks). Both go into TextRuns: inert. */
interface EntryData {
  name: string;
  detail: string;
  hasDetail: boolean;
}

/** Template data of one impact item. */
export interface ImpactItemData {
  foldId: string;
  symbol: string;
  color: string;
  title: string;
  countText: string;
  consequence: string;
  shown: EntryData[];
  hasFolded: boolean;
  folded: Array<{ line: string }>;
  foldTitle: string;
  hasUnlisted: boolean;
  unlistedText: string;
  link: string;
}

/** Template data of the impact section. */
export interface ImpactSectionData {
  hasImpact: boolean;
  impactIntro: string;
  impactItems: ImpactItemData[];
}

function entryDetail(entry: ImpactEntryView): string {
  const parts = [
    entry.product,
    ...(entry.settings ?? []).map((s) => SETTING_WORDS[s]),
    ...(entry.effects ?? []).map((e) => EFFECT_WORDS[e]),
    entry.playbooks && entry.playbooks.length > 0 ? `runs ${entry.playbooks.join(', ')}` : undefined,
  ].filter((p): p is string => typeof p === 'string' && p.length > 0);
  return truncate(parts.join('; '), DISPLAY_LIMITS.line);
}

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

/** The JSON a folded line costs besides its text (a RichTextBlock with one TextRun). */
const FOLDED_LINE_OVERHEAD = 70;

function itemData(item: ImpactItemView, budget: { left: number }): ImpactItemData {
  const words = ITEM_WORDS[item.kind];
  const affected = item.count !== null && item.count > 0;
  const look = item.count === null ? { symbol: '?', color: 'Accent' } : affected ? { symbol: '⚠', color: 'Warning' } : { symbol: '✔', color: 'Good' };
  const countText =
    item.kind === 'customer-managed-key' ? (item.count === null ? '?' : affected ? 'On' : 'Off') : item.count === null ? '?' : String(item.count);
  const entries = item.entries.map((e) => {
    const detail = entryDetail(e);
    return { name: truncate(e.displayName, DISPLAY_LIMITS.name), detail: detail ? `  —  ${detail}` : '', hasDetail: detail.length > 0 };
  });
  const shown = entries.slice(0, IMPACT_SHOWN_ENTRIES);
  const folded: Array<{ line: string }> = [];
  for (const e of entries.slice(IMPACT_SHOWN_ENTRIES)) {
    const line = `•  ${e.name}${e.detail}`;
    const cost = utf8Bytes(line) + FOLDED_LINE_OVERHEAD;
    if (cost > budget.left) break;
    budget.left -= cost;
    folded.push({ line });
  }
  const unlisted = entries.length - shown.length - folded.length;
  const url = safeLinkUrl(item.url);
  return {
    foldId: `impact-${item.kind}`,
    ...look,
    title: words.title,
    countText,
    consequence: item.count === null ? words.unknown : affected ? words.consequence : words.none,
    shown,
    hasFolded: folded.length > 0,
    folded,
    foldTitle: `Show or hide ${folded.length} more`,
    hasUnlisted: unlisted > 0,
    unlistedText: `…and ${unlisted} more not listed here (see ${words.seeAll} in the Azure portal).`,
    // Our own markdown: a fixed link text and a URL made safe for link syntax.
    link: url ? `[What Microsoft Learn says](${url})` : '',
  };
}

/**
 * Maps the impact analysis to the data of its section. Each item shows its first entries; the
 * rest fold behind an Action.ToggleVisibility, within `foldBudget` bytes for the whole section
 * (what does not fit is counted, with where to see it).
 */
export function impactSectionData(impact: ImpactView | undefined, foldBudget: number = IMPACT_FOLD_BUDGET): ImpactSectionData {
  if (!impact || impact.items.length === 0) return { hasImpact: false, impactIntro: '', impactItems: [] };
  const budget = { left: foldBudget };
  const items = impact.items.map((item) => itemData(item, budget));
  const matters = impact.items.filter((i) => i.count !== 0).length;
  return {
    hasImpact: true,
    impactIntro:
      matters === 0
        ? 'Read live from the workspace: nothing below affects it.'
        : `Read live from the workspace, most consequential first: ${matters} of ${impact.items.length} items need a look.`,
    impactItems: items,
  };
}

/** Where the impact section is cut when a card would exceed Teams' size limit: fewer folded names, then none. */
export const IMPACT_FOLD_BUDGETS = [IMPACT_FOLD_BUDGET, IMPACT_FOLD_BUDGET / 2, 0] as const;
