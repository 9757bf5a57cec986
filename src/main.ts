/** Wires configuration, knowledge, the claim core and every configured platform into one process. */
import path from 'node:path';
import dotenv from 'dotenv';
import type { Logger } from 'pino';
import type { Adapter } from './adapters/adapter.ts';
import { TerminalChat } from './adapters/terminal/terminal-chat.ts';
import { ConfigError, readConfig, type Config } from './config.ts';
import { ChannelFilter } from './core/channel-filter.ts';
import type { FactChecker } from './core/fact-checker.ts';
import { KnowledgeError } from './core/knowledge/problem.ts';
import { SentenceVectors } from './core/matching/sentence-vectors.ts';
import { StoreFailure } from './core/store/store-failure.ts';
import { openFactCheckCore, type FactCheckCore } from './fact-check-core.ts';
import { createLogger } from './logger.ts';
import { healthRoutes, startHealthServer, type HttpRoute } from './observability/health.ts';
import { BotMetrics } from './observability/metrics.ts';
import type { Server } from 'node:http';

// Adapters give in-flight replies 8 s; at this deadline the process exits whatever is still running
// (a hung platform call, an adapter stuck in stop()), inside the 10 s `docker stop` allows by default.
const SHUTDOWN_DEADLINE_MS = 9_000;
const STORE_CLOSE_MS = 500;

const NOTHING_CONFIGURED = `No chat platform is configured, and there is no terminal to chat in.
Set, in .env or the environment:
  DISCORD_TOKEN (and DISCORD_APPLICATION_ID) for Discord, and/or
  SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode) for Slack.
See .env.example. To try the bot without a platform, run: npx factcheck chat`;

interface PlatformContext {
  config: Config;
  core: FactCheckCore;
  checker: FactChecker;
  channels: ChannelFilter;
  logger: Logger;
  /** Health and metrics routes, served beside Slack's /slack/events when Slack runs. */
  routes: HttpRoute[];
  metrics: BotMetrics;
}

/** Builds the adapters for the configured platforms; their libraries load only when used. */
async function platformAdapters({ config, core, checker, channels, logger, routes, metrics }: PlatformContext): Promise<Adapter[]> {
  void core;
  const adapters: Adapter[] = [];
  if (config.discord !== undefined) {
    const { createDiscordAdapter } = await import('./adapters/discord/index.ts');
    adapters.push(createDiscordAdapter({ config: config.discord, checker, channels, logger, moderation: core.moderation, onShardStatus: (shard, up) => metrics.shardStatus(shard, up) }));
  }
  if (config.slack !== undefined) {
    const { createSlackAdapter } = await import('./adapters/slack/index.ts');
    // With a shared store there may be other instances to take over an event this one does not finish.
    adapters.push(createSlackAdapter({ config: config.slack, checker, channels, logger, routes, moderation: core.moderation, ackAfterHandling: config.database !== undefined }));
  }
  return adapters;
}

/** Starts the bot; resolves with the process exit code once it has stopped. */
export async function startBot(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nFix these in .env or the environment (see .env.example).\n`);
      return 1;
    }
    throw error;
  }
  const metrics = new BotMetrics();
  const logger = createLogger(config.logLevel, { onError: (component) => metrics.errorLogged(component) });
  let core: FactCheckCore;
  // The matcher's second stage (unless SENTENCE_ENCODER=off): the encoder in a worker thread, its
  // model loaded from the package's files, claim vectors kept in DATA_DIR; what it sheds is counted.
  const sentences = config.sentenceEncoder === undefined
    ? undefined
    : await SentenceVectors.start({
        cacheDir: path.join(config.dataDir, 'sentence-vectors'),
        deadlineMs: config.sentenceEncoder.deadlineMs,
        background: true,
        onOutcome: (outcome) => metrics.sentenceVectors(outcome),
        onProblem: (message, error) => logger.warn({ err: error }, message),
      });
  try {
    core = await openFactCheckCore({
      ...(sentences === undefined ? {} : { sentences }),
      knowledge: [config.knowledgeDir],
      dataDir: config.dataDir,
      database: config.database,
      onStoreProblem: (message, error) => logger.warn({ err: error }, message),
      policy: config.policy,
      guard: config.guard,
      asksPerUserPerMinute: config.asksPerUserPerMinute,
      updateWindowDays: config.replyUpdateDays,
      observer: metrics.observer,
      // Each adapter logs its moderator actions with the platform's details; here they are counted.
      onModeratorAction: (action, actor) => metrics.moderatorAction(actor.platform, action),
    });
  } catch (error) {
    if (error instanceof KnowledgeError) {
      logger.fatal({ problems: error.problems }, `knowledge in ${config.knowledgeDir} cannot be loaded; run "npx factcheck knowledge validate"`);
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof StoreFailure) {
      // One line that names the setting and what to do; the engine's error stays out of sight.
      logger.fatal({ store: error.kind }, error.message);
      return 1;
    }
    if (config.database !== undefined) {
      const message = `cannot open the PostgreSQL store at DATABASE_URL: ${(error as Error).message}. Check that the server is up and the URL, user and password are right.`;
      logger.fatal({ err: error }, message);
      process.stderr.write(`${message}\n`);
      return 1;
    }
    throw error;
  }
  const { checker } = core;
  // Claims changed with `factcheck claim …` in another process reach this one within seconds.
  core.catalog.watch((error) => logger.warn({ err: error }, `could not read claim changes from the store: ${(error as Error).message}; trying again`));
  logger.info({ store: core.store.engine }, core.store.engine === 'postgres' ? 'store: PostgreSQL (DATABASE_URL), shared by every instance' : `store: SQLite in ${config.dataDir}`);
  const channels = new ChannelFilter(config.listenChannels, config.ignoreChannels);

  let adapters: Adapter[] = [];
  const routes = healthRoutes(metrics, () => ({
    knowledgeLoaded: core.knowledge.size > 0,
    store: { engine: core.store.engine, available: core.store.isAvailable() },
    platforms: adapters.map((a) => ({ platform: a.platform, connected: a.isConnected() })),
  }));
  adapters = await platformAdapters({ config, core, checker, channels, logger, routes, metrics });
  if (adapters.length === 0) {
    if (process.stdin.isTTY !== true) {
      process.stderr.write(`${NOTHING_CONFIGURED}\n`);
      return 1;
    }
    return new Promise<number>((resolve) => {
      void new TerminalChat({ checker, moderation: core.moderation, onClose: () => {
        void core.close().then(() => resolve(0));
      } }).start();
    });
  }

  logger.info({ claims: core.knowledge.size, knowledgeDir: config.knowledgeDir, dataDir: config.dataDir }, 'knowledge loaded');
  const started: Adapter[] = [];
  for (const adapter of adapters) {
    try {
      await adapter.start();
      started.push(adapter);
      logger.info({ platform: adapter.platform }, `${adapter.platform} connected`);
    } catch (error) {
      logger.error({ platform: adapter.platform, err: error }, `${adapter.platform} failed to start: ${(error as Error).message}`);
    }
  }
  if (started.length === 0) {
    logger.fatal('no platform could start; see the errors above');
    await core.close();
    return 1;
  }
  // Slack serves the health routes itself (beside /slack/events, or on PORT in Socket Mode).
  let healthServer: Server | undefined;
  if (config.slack === undefined) {
    try {
      healthServer = await startHealthServer(config.port, routes);
      logger.info({ port: config.port }, `health and metrics on http://0.0.0.0:${config.port}/healthz`);
    } catch (error) {
      logger.error({ err: error, port: config.port }, `health server could not listen on PORT=${config.port}: ${(error as Error).message}`);
    }
  }

  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) {
        logger.warn({ signal }, 'second signal while stopping; exiting now');
        return resolve(1);
      }
      stopping = true;
      logger.info({ signal, deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutting down');
      const deadline = new Promise<'deadline'>((done) => setTimeout(() => done('deadline'), SHUTDOWN_DEADLINE_MS).unref());
      const stopped = Promise.allSettled(started.map((a) => a.stop())).then(() => 'stopped' as const);
      void Promise.race([stopped, deadline]).then(async (how) => {
        if (how === 'deadline') logger.warn(`still stopping after ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting with work unfinished`);
        healthServer?.close();
        // The store closes in its own short bound: a connection that hangs must not hold the exit.
        await Promise.race([core.close(), new Promise<void>((done) => setTimeout(done, STORE_CLOSE_MS))]);
        logger.info('stopped');
        resolve(0);
      });
    };
    // The caller exits the process on resolve: open sockets (a hung call) must not keep it alive.
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await startBot();
  process.exit();
}
