/**
 * The answer to `help`: what the bot does and its commands. Placeholders are written in capitals
 * (WORKSPACE, N): angle brackets would reach Teams as HTML (shown as `&lt;workspace&gt;`).
 */
export function helpText(): string {
  return [
    '**Sentinel onboarding** connects a Microsoft Sentinel workspace to the Microsoft Defender portal, and disconnects it, with the checks and the ' +
      'approval a SOC needs.',
    '',
    'In a 1:1 chat with me:',
    '- `connect [WORKSPACE]` check a workspace, see what will change, and ask the SOC channel to approve',
    '- `disconnect [WORKSPACE]` disconnect the connected workspace, with a reason',
    '- `cancel` cancel your open request',
    '- `primary WORKSPACE` with WORKSPACE_MODEL=multi: make a connected secondary workspace the primary (with approval)',
    '- `history [N]` the last N audit entries (default 20)',
    '- `check all` readiness of every workspace with Microsoft Sentinel, blocked and unknown first',
    '',
    'Anywhere, also by @mentioning me in a channel:',
    '- `check WORKSPACE` readiness report for a workspace and for you',
    '- `status` connected workspace, open requests, recent changes',
    "- `doctor` the bot's own access to Azure and Microsoft Graph, and how to grant what is missing",
    '- `help` this message',
    '',
    'In the SOC channel:',
    '- `notify here` makes this channel the one where approvals and changes are posted',
    '',
    'WORKSPACE is a full resource id, subscriptionId/resourceGroup/name, or a bare name when it is unique.',
  ].join('\n');
}

/** The greeting when the bot is installed in a chat or a team: only what works where it is said. */
export function greetingText(where: 'personal' | 'channel' | 'groupChat'): string {
  switch (where) {
    case 'channel':
      return (
        'Hello! I help this team connect a Microsoft Sentinel workspace to the Microsoft Defender portal. Mention me with `notify here` in the ' +
        'channel where approvals should be posted, and with `help` to see what I can do.'
      );
    case 'groupChat':
      return (
        'Hello! I help connect a Microsoft Sentinel workspace to the Microsoft Defender portal. Here you can mention me with `check WORKSPACE`, ' +
        '`status` or `help`; connecting and disconnecting start in a 1:1 chat with me.'
      );
    default:
      return (
        'Hello! I help you connect a Microsoft Sentinel workspace to the Microsoft Defender portal. Type `connect` to start, or `help` to see ' +
        'what I can do.'
      );
  }
}
