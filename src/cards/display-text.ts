/** Display limits, in characters (code points). The domain validates; cards only guard the layout. */
export const DISPLAY_LIMITS = {
  name: 128,
  workspaceName: 128,
  resourceId: 512,
  /** Reasons and comments: the domain's own limit. */
  userText: 500,
  title: 160,
  line: 400,
  guidance: 1000,
  shortWord: 64,
} as const;

/**
 * Bidi controls (marks, embeddings, overrides, isolates): in shown text they could reverse or
 * reorder what the reader sees ("Approve" rendered from its mirror image), so they are dropped.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** User text made harmless for display: without bidi controls (everything else stays as written). */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * The bot's own prose made to read as written in a card: Adaptive Card text has no code spans, so a
 * command in backticks becomes a quoted one ("notify here"), and a placeholder in angle brackets is
 * written in capitals (WORKSPACE). Only for text the bot wrote; user text is shown as it is.
 */
export function asCardProse(text: string | undefined): string {
  return (text ?? '').replace(/`([^`\n]+)`/g, '"$1"').replace(/<([a-z][a-z ]*)>/gi, (_, name: string) => name.toUpperCase().replace(/ /g, '_'));
}

/** Cuts `text` to `max` code points, ending with an ellipsis when it was longer; bidi controls are dropped. */
export function truncate(text: string | undefined, max: number): string {
  const value = withoutBidiControls(text ?? '');
  const chars = Array.from(value);
  if (chars.length <= max) return value;
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/** True when there is something to show. */
export function present(text: string | undefined): text is string {
  return typeof text === 'string' && text.trim().length > 0;
}

/**
 * An https URL safe to put in markdown link syntax, or undefined. Characters
 * that could end or nest the link are percent-encoded.
 */
export function safeLinkUrl(url: string | undefined): string | undefined {
  if (!present(url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  return parsed.href.replace(/[()[\]<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/**
 * A label/value row; the template puts the value in a TextRun, so it stays inert. An id row (a
 * resource id: no spaces to break at) goes in a TextBlock with `wrap`, which breaks a long word
 * at the card's edge; ids hold no user text (ARM names are letters, digits and `-_.()`).
 */
export interface FactRow {
  label: string;
  value: string;
  isId: boolean;
}

/** Builds fact rows, dropping those without a value; `'id'` marks a row whose value is an id that must wrap. */
export function factRows(rows: Array<[label: string, value: string | undefined, max: number, kind?: 'id']>): FactRow[] {
  return rows.filter(([, value]) => present(value)).map(([label, value, max, kind]) => ({ label, value: truncate(value, max), isId: kind === 'id' }));
}
