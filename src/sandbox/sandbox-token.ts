/** The fixed token the bot's sandbox credential hands out; the sandbox takes it as the bot's own identity. */
export const SANDBOX_TOKEN = 'sandbox-token';
