// Entry point: `npm start -w server`. Configuration from SPORTELLO_CONFIG_DIR or the repository's config/.
import { ConfigError, defaultConfigDir } from './config/load-config.ts';
import { createLogger } from './log/logger.ts';
import { startServer } from './server.ts';

const log = createLogger();

try {
  const running = await startServer({
    configDir: defaultConfigDir(),
    ...(process.env.PORT ? { port: Number(process.env.PORT) } : {}),
    ...(process.env.SPORTELLO_DATA_DIR ? { dataDir: process.env.SPORTELLO_DATA_DIR } : {}),
    log,
  });
  log.info({ url: running.url }, 'server listening');
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    log.fatal({ err: error }, 'server failed to start');
  }
  process.exit(1);
}
