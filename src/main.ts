/** Wires configuration, knowledge, the claim core and every configured platform into one process. */
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { portInUse, type Adapter } from './adapters/adapter.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openConfiguredCore } from './configured-core.ts';
import { ChannelFilter } from './core/channel-filter.ts';
import { KnowledgeError } from './core/knowledge/problem.ts';
import { StoreFailure } from './core/store/store-failure.ts';
import type { FactCheckCore } from './fact-check-core.ts';
import { createLogger } from './logger.ts';
import { healthRoutes, startHealthServer } from './observability/health.ts';
import { BotMetrics } from './observability/metrics.ts';
import { PlatformConnection } from './platform-connection.ts';

// Adapters give in-flight replies 8 s; at this deadline the process exits whatever is still running
// (a hung platform call, an adapter stuck in stop()), inside the 10 s `docker stop` allows by default.
const SHUTDOWN_DEADLINE_MS = 9_000;
const STORE_CLOSE_MS = 500;

const NOTHING_CONFIGURED = `No chat platform is configured, and there is no terminal to chat in.
Set, in .env or the environment:
  DISCORD_TOKEN (and DISCORD_APPLICATION_ID) for Discord, and/or
  SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode) for Slack.
See .env.example. To try the bot without a platform, run: npx factcheck chat`;

/** Builds the adapters for the configured platforms; their libraries load only when used. */
async function platformAdapters(config: Config, core: FactCheckCore, logger: Logger, metrics: BotMetrics): Promise<Adapter[]> {
  const channels = new ChannelFilter(config.listenChannels, config.ignoreChannels);
  const { checker, moderation } = core;
  const adapters: Adapter[] = [];
  if (config.discord !== undefined) {
    const { createDiscordAdapter } = await import('./adapters/discord/index.ts');
    adapters.push(createDiscordAdapter({ config: config.discord, checker, channels, logger, moderation, onShardStatus: (shard, up) => metrics.shardStatus(shard, up) }));
  }
  if (config.slack !== undefined) {
    const { createSlackAdapter } = await import('./adapters/slack/index.ts');
    // With a shared store there may be other instances to take over an event this one does not finish.
    adapters.push(createSlackAdapter({ config: config.slack, checker, channels, logger, moderation, ackAfterHandling: config.database !== undefined }));
  }
  return adapters;
}

/** Opens the claim core, or logs why the knowledge or the store cannot open and returns undefined. */
async function openCore(config: Config, metrics: BotMetrics, logger: Logger): Promise<FactCheckCore | undefined> {
  try {
    return await openConfiguredCore(config, {
      observer: metrics.observer,
      // Each adapter logs its moderator actions with the platform's details; here they are counted.
      onModeratorAction: (action, actor) => metrics.moderatorAction(actor.platform, action),
      onStoreProblem: (message, error) => logger.warn({ err: error }, message),
      onSuggestion: (platform, outcome) => metrics.suggestion(platform, outcome),
    }, {
      // The bot's encoder never holds up its event loop: it loads at start, takes the CPU that is
      // left, and a message that would wait past the deadline is decided on its words (counted).
      onOutcome: (outcome) => metrics.sentenceVectors(outcome),
      onProblem: (message, error) => logger.warn({ err: error }, message),
    });
  } catch (error) {
    if (error instanceof KnowledgeError) {
      logger.fatal({ problems: error.problems }, `knowledge in ${config.knowledgeDir} cannot be loaded; run "npx factcheck knowledge validate"`);
      process.stderr.write(`${error.message}\n`);
      return undefined;
    }
    if (error instanceof StoreFailure) {
      // One line that names the setting and what to do; the engine's error stays out of sight.
      logger.fatal({ store: error.kind }, error.message);
      return undefined;
    }
    if (config.database !== undefined) {
      const message = `cannot open the PostgreSQL store at DATABASE_URL: ${(error as Error).message}. Check that the server is up and the URL, user and password are right.`;
      logger.fatal({ err: error }, message);
      process.stderr.write(`${message}\n`);
      return undefined;
    }
    throw error;
  }
}

/** With no platform configured: the terminal chat when there is a terminal, else what to set. */
async function chatInTerminal(config: Config): Promise<number> {
  if (process.stdin.isTTY !== true) {
    process.stderr.write(`${NOTHING_CONFIGURED}\n`);
    return 1;
  }
  const core = await openConfiguredCore(config);
  const { TerminalChat } = await import('./adapters/terminal/terminal-chat.ts');
  return new Promise<number>((resolve) => {
    void new TerminalChat({ checker: core.checker, moderation: core.moderation, onClose: () => {
      void core.close().then(() => resolve(0));
    } }).start();
  });
}

/** Starts the bot; resolves with the process exit code once it has stopped. */
export async function startBot(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  if (config.discord === undefined && config.slack === undefined) return chatInTerminal(config);

  const metrics = new BotMetrics();
  const logger = createLogger(config.logLevel, { onError: (component) => metrics.errorLogged(component) });
  // Health first, so that /healthz answers from the first second and /readyz says what is missing.
  let core: FactCheckCore | undefined;
  let connections: PlatformConnection[] = [];
  const configured = (['discord', 'slack'] as const).filter((platform) => config[platform] !== undefined);
  const routes = healthRoutes(metrics, () => ({
    knowledgeLoaded: core !== undefined && core.knowledge.size > 0,
    platforms: connections.length > 0 ? connections.map((c) => c.status()) : configured.map((platform) => ({ platform, connected: false, problem: 'starting' })),
    ...(core === undefined ? {} : { store: { engine: core.store.engine, available: core.store.isAvailable() } }),
  }));
  let healthServer: Server;
  const { port: metricsPort, host: metricsHost } = config.metrics;
  try {
    healthServer = await startHealthServer(metricsPort, metricsHost, routes);
  } catch (error) {
    const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    logger.fatal({ port: metricsPort, host: metricsHost }, inUse ? portInUse('METRICS_PORT', metricsPort, error).message : `health server could not listen on ${metricsHost}:${metricsPort} (METRICS_HOST, METRICS_PORT): ${(error as Error).message}`);
    return 1;
  }
  logger.info({ port: metricsPort, host: metricsHost }, `health and metrics on http://${metricsHost}:${metricsPort}/healthz, /readyz and /metrics`);

  core = await openCore(config, metrics, logger);
  if (core === undefined) {
    healthServer.close();
    return 1;
  }
  const opened = core;
  // Claims changed with `factcheck claim …` in another process reach this one within seconds.
  opened.catalog.watch((error) => logger.warn({ err: error }, `could not read claim changes from the store: ${(error as Error).message}; trying again`));
  logger.info({ store: opened.store.engine }, opened.store.engine === 'postgres' ? 'store: PostgreSQL (DATABASE_URL), shared by every instance' : `store: SQLite in ${config.dataDir}`);
  const inForce = opened.knowledge.all().filter((c) => c.status === 'published').length;
  logger.info({ claims: inForce, knowledgeDir: config.knowledgeDir, dataDir: config.dataDir }, `knowledge loaded: ${inForce} claims in force`);

  const adapters = await platformAdapters(config, opened, logger, metrics);
  connections = adapters.map((adapter) => new PlatformConnection(adapter, logger));
  const started: Adapter[] = [];
  const outcomes = connections.map(async (connection) => {
    const state = await connection.settled;
    if (state === 'connected') started.push(connection.adapter);
    return state;
  });

  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) {
        logger.warn({ signal }, 'second signal while stopping; exiting now');
        return resolve(1);
      }
      stopping = true;
      logger.info({ signal, deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutting down');
      for (const connection of connections) connection.cancel();
      const deadline = new Promise<'deadline'>((done) => setTimeout(() => done('deadline'), SHUTDOWN_DEADLINE_MS).unref());
      const stopped = Promise.allSettled(started.map((a) => a.stop())).then(() => 'stopped' as const);
      void Promise.race([stopped, deadline]).then(async (how) => {
        if (how === 'deadline') logger.warn(`still stopping after ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting with work unfinished`);
        healthServer.close();
        // The store closes in its own short bound: a connection that hangs must not hold the exit.
        await Promise.race([opened.close(), new Promise<void>((done) => setTimeout(done, STORE_CLOSE_MS))]);
        logger.info('stopped');
        resolve(0);
      });
    };
    // The caller exits the process on resolve: open sockets (a hung call) must not keep it alive.
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
    // Every platform refused (each said why in one line): nothing is left to run.
    void Promise.all(outcomes).then((states) => {
      if (stopping || states.includes('connected')) return;
      stopping = true;
      healthServer.close();
      void opened.close().then(() => resolve(1));
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const extra = process.argv.slice(2);
  if (extra.length > 0) {
    // Settings are variables, not flags: a flag here would be ignored without a word.
    process.stderr.write(`factcheck: npm start takes no arguments (got ${extra.join(' ')}); settings go in .env or the environment (see .env.example)\n`);
    process.exitCode = 2;
  } else {
    process.exitCode = await startBot();
  }
  process.exit();
}
