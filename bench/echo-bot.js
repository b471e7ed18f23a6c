// The floor for `npm run bench`: the minimal botbuilder echo bot (CloudAdapter + restify),
// as in the Bot Framework samples, with no store, no Azure calls and no logging.
'use strict';
const restify = require('restify');
const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const server = restify.createServer({ handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/readyz', async (_req, res) => {
  res.send(200, { status: 'ready' });
});
server.listen(Number(process.env.PORT || 3978), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
