import { createApp } from '../app.factory.js';
import { ManualClock } from '../common/clock.js';
import type { AppConfig } from '../config/config.js';
import { seedDemo } from './demo-seed.js';

/**
 * Seeds the demo shop in an app of its own, before the real one starts: the seed moves that
 * app's clock through 40 days of a shop's life, which the real app's clock never does. No
 * jobs or outbox timers run in it (the seed drains events itself, at each moment).
 */
export async function seedDemoApart(config: AppConfig): Promise<boolean> {
  const app = await createApp({ ...config, jobsTickMs: 0, outboxPollMs: 0, logRequests: false }, { clock: new ManualClock(new Date()), logger: ['warn', 'error'] });
  try {
    return await seedDemo(app);
  } finally {
    await app.close();
  }
}
