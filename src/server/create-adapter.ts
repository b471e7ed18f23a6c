import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Config } from '../config';
import type { Logger } from '../logger';

/** Extra Bot Framework authentication settings (e.g. OpenID metadata URLs), by their botbuilder names. */
export type AuthSettings = Partial<ConfigurationBotFrameworkAuthenticationOptions>;

/**
 * The CloudAdapter with the standard Bot Framework settings. With an empty
 * MicrosoftAppId it accepts unauthenticated requests (Emulator mode), which the
 * configuration allows only in sandbox mode.
 */
export function createAdapter(bot: Config['bot'], logger: Logger, authSettings: AuthSettings = {}): CloudAdapter {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.appTenantId,
  });
  const auth = new ConfigurationBotFrameworkAuthentication(
    { MicrosoftAppId: bot.appId, MicrosoftAppTenantId: bot.appTenantId, ...authSettings } as ConfigurationBotFrameworkAuthenticationOptions,
    credentials,
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: errorSummary(error), activityType: context.activity.type }, 'turn failed');
    if (context.activity.type === 'message') {
      try {
        await context.sendActivity('Sorry, something went wrong on my side. Nothing was changed. Please try again; if it keeps failing, tell your Teams admin.');
      } catch {
        // The channel may be what failed; the error is already logged.
      }
    }
  };
  return adapter;
}

function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}
