import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/config.js';
import { createApp } from './app.factory.js';
import { seedDemoApart } from './seed/seed-app.js';
import { stopOnSignals } from './shutdown.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const log = new Logger('Main');
  if (!config.wechat.appId) {
    log.warn('WECHAT_APPID is not set: the development sign-in (POST /api/auth/dev) is on. Never run a shop like this.');
  }
  if (!config.h5Dist) log.warn('No H5 build found (miniapp/dist/h5): only the API is served. Run `npm run build`.');
  const fail = (error: Error) => {
    console.error(`start failed: ${error.message.split('\n')[0]}`);
    process.exit(1);
  };
  if (config.seedDemo) await seedDemoApart(config).catch(fail);
  const app = await createApp(config).catch(fail);
  stopOnSignals(app, log);
  await app.listen({ port: config.port, host: config.host });
  const db = config.database.kind === 'sqlite' ? `SQLite ${config.database.file}` : 'MySQL/MariaDB';
  log.log(`积分商城 on http://localhost:${config.port} (API /api, docs /api/docs) with ${db}`);
}

void main();
