import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication, ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from '../config';
import type { Logger } from '../logger';

/**
 * Extra Bot Framework authentication settings (e.g. OpenID metadata URLs), by their
 * botbuilder names, and optionally the factory of the credentials the bot sends
 * with its own calls (certificate credentials, or a test token issuer); by
 * default the app id and password of the configuration.
 */
export interface AuthSettings {
  [setting: string]: string | boolean | undefined | ServiceClientCredentialsFactory;
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/** The CloudAdapter, with the authentication it validates incoming tokens with. */
export class OnboardingAdapter extends CloudAdapter {
  constructor(readonly authentication: BotFrameworkAuthentication) {
    super(authentication);
  }

  /** Runs a turn for an activity whose request was already authenticated. */
  processAuthenticated(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * The CloudAdapter with the standard Bot Framework settings. With an empty
 * MicrosoftAppId it accepts unauthenticated requests (Emulator mode), which the
 * configuration allows only in sandbox mode.
 */
export function createAdapter(bot: Config['bot'], logger: Logger, authSettings: AuthSettings = {}): OnboardingAdapter {
  const { credentialsFactory, ...settings } = authSettings;
  const credentials =
    credentialsFactory ??
    new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: bot.appId,
      MicrosoftAppPassword: bot.appPassword,
      MicrosoftAppType: bot.appType,
      MicrosoftAppTenantId: bot.appTenantId,
    });
  const authOptions: ConfigurationBotFrameworkAuthenticationOptions = { MicrosoftAppId: bot.appId, MicrosoftAppTenantId: bot.appTenantId };
  for (const [name, value] of Object.entries(settings)) if (typeof value !== 'object') authOptions[name] = value;
  const auth = new ConfigurationBotFrameworkAuthentication(authOptions, credentials);
  const adapter = new OnboardingAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: errorSummary(error), activityType: context.activity.type }, 'turn failed');
    try {
      if (context.activity.type === 'invoke') {
        // Teams wants HTTP 200 with the outcome in the body; without an invoke response the adapter answers 501.
        await context.sendActivity({
          type: 'invokeResponse',
          value: {
            status: 200,
            body: {
              statusCode: 500,
              type: 'application/vnd.microsoft.error',
              value: { code: 'InternalError', message: 'Something went wrong on my side and your click could not be handled. Please try again.' },
            },
          },
        });
      } else if (context.activity.type === 'message') {
        await context.sendActivity(
          'Sorry, something went wrong on my side. Nothing was changed. Please try again; if it keeps failing, tell your Teams admin.',
        );
      }
    } catch {
      // The channel may be what failed; the error is already logged.
    }
  };
  return adapter;
}

function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}
