/** The answer to `help`: what the bot does and its commands. */
export function helpText(): string {
  return [
    '**Sentinel onboarding** connects a Microsoft Sentinel workspace to the Microsoft Defender portal, and disconnects it, with the checks and the ' +
      'approval a SOC needs.',
    '',
    'In a 1:1 chat with me:',
    '- `connect [workspace]` check a workspace, see what will change, and ask the SOC channel to approve',
    '- `disconnect [workspace]` disconnect the connected workspace, with a reason',
    '- `cancel` cancel your open request',
    '- `primary <workspace>` with WORKSPACE_MODEL=multi: make a connected secondary workspace the primary (with approval)',
    '- `history [n]` the last n audit entries (default 20)',
    '- `check all` readiness of every workspace with Microsoft Sentinel, blocked and unknown first',
    '',
    'Anywhere, also by @mentioning me in a channel:',
    '- `check <workspace>` readiness report for a workspace and for you',
    '- `status` connected workspace, open requests, recent changes',
    "- `doctor` the bot's own access to Azure and Microsoft Graph, and how to grant what is missing",
    '- `help` this message',
    '',
    'In the SOC channel:',
    '- `notify here` makes this channel the one where approvals and changes are posted',
    '',
    'A workspace is a full resource id, `subscriptionId/resourceGroup/name`, or a bare name when it is unique.',
  ].join('\n');
}

/** The greeting when the bot is installed in a chat or a team. */
export function greetingText(inChannel: boolean): string {
  return inChannel
    ? 'Hello! I help this team connect a Microsoft Sentinel workspace to the Microsoft Defender portal. Run `notify here` in the channel where ' +
        'approvals should be posted, and `help` to see what I can do.'
    : 'Hello! I help you connect a Microsoft Sentinel workspace to the Microsoft Defender portal. Type `connect` to start, or `help` to see what I can do.';
}
