/**
 * The bot as operators run it (`node bin/factcheck.js start`, the Docker CMD), in a child process
 * pointed at the fake Discord and the fake Slack, with its JSON log lines kept for counting.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { botIsReady } from '../../test/fakes/ready.ts';
import { spawnOnSmallDisk } from '../../test/fakes/small-disk.ts';

const root = path.resolve(import.meta.dirname, '../..');

export interface BotEnvironment {
  port: number;
  metricsPort: number;
  dataDir: string;
  discord: { token: string; applicationId: string; apiUrl: string; moderatorRoleId: string };
  slack: { apiUrl: string; signingSecret: string; moderatorId: string };
}

/** One JSON log line. */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

export class BotProcess {
  readonly logs: LogLine[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);

  /** With `smallDiskKb`, DATA_DIR is a tmpfs of that size in the bot's own namespace, so the suite can fill it. */
  constructor(
    private readonly env: BotEnvironment,
    private readonly smallDiskKb?: number,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the bot and resolves once /readyz says both platforms are connected. */
  async start(): Promise<void> {
    const { env } = this;
    const variables: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'], HOME: process.env['HOME'], LOG_LEVEL: 'info', CI: 'true',
      PORT: String(env.port), METRICS_PORT: String(env.metricsPort), DATA_DIR: env.dataDir,
      // Every input is its own test: no cooldown, no caps.
      REPLY_COOLDOWN_SECONDS: '0', CHANNEL_REPLIES_PER_MINUTE: '100000', GLOBAL_REPLIES_PER_MINUTE: '100000', ASKS_PER_USER_PER_MINUTE: '10000',
      DISCORD_TOKEN: env.discord.token, DISCORD_APPLICATION_ID: env.discord.applicationId, DISCORD_API_URL: env.discord.apiUrl,
      DISCORD_MODERATOR_ROLE_IDS: env.discord.moderatorRoleId,
      SLACK_BOT_TOKEN: 'xoxb-fault-suite', SLACK_SIGNING_SECRET: env.slack.signingSecret, SLACK_API_URL: env.slack.apiUrl,
      SLACK_MODERATOR_IDS: env.slack.moderatorId,
    };
    const command = [process.execPath, path.join(root, 'bin/factcheck.js'), 'start'];
    const child =
      this.smallDiskKb === undefined
        ? spawn(command[0]!, command.slice(1), { cwd: root, env: variables, stdio: ['ignore', 'pipe', 'pipe'] })
        : spawnOnSmallDisk(command, { dataDir: env.dataDir, sizeKb: this.smallDiskKb, cwd: root, env: variables });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    let partial = '';
    const keep = (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          this.logs.push({ level: 50, msg: line });
        }
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + 30_000;
    while (!(await botIsReady(env.metricsPort, env.port))) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the bot did not become ready:\n${this.logs.slice(-20).map((l) => l.msg).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Sends a signal and waits for the process to exit; returns its exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    this.child?.kill(signal);
    return this.exited;
  }

  /** Error (and fatal) log lines that match. */
  errors(matches: (line: LogLine) => boolean = () => true): LogLine[] {
    return this.logs.filter((l) => l.level >= 50 && matches(l));
  }

  /** factcheck_errors_total summed over its components, from /metrics (METRICS_PORT, else PORT). */
  async errorsCounted(): Promise<number> {
    for (const port of [this.env.metricsPort, this.env.port]) {
      const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => (r.ok ? r.text() : undefined), () => undefined);
      if (text === undefined) continue;
      return text
        .split('\n')
        .filter((l) => l.startsWith('factcheck_errors_total{'))
        .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    }
    return Number.NaN;
  }
}
