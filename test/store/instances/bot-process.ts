/** A real bot process (`factcheck start`) for the tests of several instances on one store. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../fakes/free-port.ts';

const root = path.resolve(import.meta.dirname, '../../..');

export class BotProcess {
  logs = '';
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;

  private constructor(
    readonly name: string,
    readonly port: number,
    readonly metricsPort: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Starts `factcheck start` with these variables (PORT and METRICS_PORT are chosen here) and waits for /readyz. */
  static async start(name: string, env: Record<string, string>): Promise<BotProcess> {
    const [port, metricsPort] = [await freePort(), await freePort()];
    const bot = new BotProcess(name, port, metricsPort, { PATH: process.env['PATH'], HOME: process.env['HOME'], LOG_LEVEL: 'info', PORT: String(port), METRICS_PORT: String(metricsPort), ...env });
    bot.spawn();
    await bot.ready();
    return bot;
  }

  /** Where Slack's requests arrive (PORT). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Where /healthz, /readyz and /metrics are (METRICS_PORT). */
  get healthUrl(): string {
    return `http://127.0.0.1:${this.metricsPort}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The parsed JSON log lines with this message. */
  logged(msg: string): Record<string, unknown>[] {
    return this.logs
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line['msg'] === msg);
  }

  async ready(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await fetch(`${this.healthUrl}/readyz`).catch(() => undefined))?.status !== 200) {
      if (Date.now() > deadline || !this.running) throw new Error(`${this.name} did not become ready:\n${this.logs}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  kill(signal: NodeJS.Signals): Promise<number | null> {
    this.child?.kill(signal);
    return this.exited ?? Promise.resolve(null);
  }

  async stop(): Promise<void> {
    if (this.running) await this.kill('SIGKILL');
  }

  private spawn(): void {
    const child = spawn(process.execPath, [path.join(root, 'bin/factcheck.js'), 'start'], { cwd: root, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (this.logs += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.logs += d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.child = child;
  }
}
