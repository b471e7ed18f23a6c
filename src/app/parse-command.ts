/** The bot's text commands, as in the conversation contract. */
export const COMMANDS = ['help', 'connect', 'check', 'check all', 'disconnect', 'status', 'history', 'cancel', 'notify here', 'doctor', 'primary'] as const;
export type CommandName = (typeof COMMANDS)[number];

export type ParsedCommand = { name: CommandName; argument: string } | { name: 'unknown'; text: string };

const MAX_COMMAND_TEXT = 2000;

/**
 * Turns message text into a command: drops the bot's `<at>` mention and any
 * markup Teams adds, matches the command case-insensitively, keeps the rest as the argument.
 */
export function parseCommand(text: string | undefined | null): ParsedCommand {
  const cleaned = stripMarkup(String(text ?? '').slice(0, MAX_COMMAND_TEXT));
  const lower = cleaned.toLowerCase();
  if (lower === 'notify here' || lower.startsWith('notify here ')) return { name: 'notify here', argument: cleaned.slice(11).trim() };
  // `check all` is a command of its own; a workspace named "all" is checked by its resource id.
  if (lower === 'check all') return { name: 'check all', argument: '' };
  const [word = '', ...rest] = cleaned.split(/\s+/);
  const name = word.toLowerCase();
  if ((COMMANDS as readonly string[]).includes(name) && name !== 'notify here' && name !== 'check all') {
    return { name: name as CommandName, argument: rest.join(' ').trim() };
  }
  return { name: 'unknown', text: cleaned };
}

/** Removes `<at>…</at>` mentions, other tags and entities, and folds white space. */
function stripMarkup(text: string): string {
  return text
    .replace(/<at[^>]*>[\s\S]*?<\/at>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/\s+/g, ' ')
    .trim();
}
