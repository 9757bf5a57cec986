/**
 * `npm run load`: the bot with Slack over HTTP against the local fake Slack Web API, fed 10,000
 * signed message events (one in five repeats a known claim) by autocannon in a second process.
 * Reports events per second, acknowledgement latency, the bot's own chat decision time (from its
 * /metrics histogram), what its sentence encoder did (encoded, or shed and decided on the words),
 * and whether every message the core answers got exactly one reply and nothing else got any
 * (counted at the fake). Every event's text is distinct, so no cache of message vectors helps.
 * The claims' vectors are computed before the bot starts (a bot that has run before keeps them in
 * DATA_DIR); the mix holds only messages that both stages decide alike, so the replies expected do
 * not depend on how many the encoder sheds.
 *
 * Options: --events N (10000), --connections N (10), --rate N (send N events a second in all,
 * instead of as fast as the bot answers), --no-encoder (SENTENCE_ENCODER=off). The bot is pinned
 * to one core when `taskset` exists, and with one instance this harness (the fake Slack and the
 * sender) to the other, so the core the figures are for is the bot's alone.
 *
 * --profile DIR: each bot process writes a V8 CPU profile (.cpuprofile) into DIR when it stops.
 *
 * --instances 2: two bot processes on one PostgreSQL (--database-url URL, or a throwaway cluster
 * started here), each pinned to its own core, fed by a sender each, as a load balancer would
 * share the events; one event in twenty is also delivered to the other instance, as Slack's
 * retries to another instance are. Every claim message must still get exactly one reply.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { freePort } from '../test/fakes/free-port.ts';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FactChecker } from '../src/core/fact-checker.ts';
import { KnowledgeBase } from '../src/core/knowledge-base.ts';
import { loadKnowledge } from '../src/core/knowledge/load.ts';
import { SentenceVectors } from '../src/core/matching/sentence-vectors.ts';
import { readChatExamples } from '../src/evaluation/chat-eval.ts';
import { FakeSlack } from '../test/fakes/slack/fake-slack.ts';
import { eventCallback, messageEvent } from '../test/fakes/slack/payloads.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '10' },
    instances: { type: 'string', default: '1' },
    'database-url': { type: 'string' },
    rate: { type: 'string' },
    'no-encoder': { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});
const ENCODER = values['no-encoder'] !== true;
const EVENTS = Number(values.events);
const INSTANCES = Number(values.instances);
if (INSTANCES !== 1 && INSTANCES !== 2) throw new Error('--instances must be 1 or 2');
const SECRET = 'load-test-signing-secret';
const CHANNELS = 50;

// The mix: claim messages from the claims' own phrasings, the rest chat that should stay silent.
// Each text is judged by words alone and with the sentence encoder (waited for), and kept only
// when both agree. The claims' vectors computed here are the bot's DATA_DIR cache.
const claimsOnDisk = loadKnowledge([path.join(root, 'knowledge')]);
const vectorCache = path.join(root, 'node_modules', '.cache', 'factcheck-load-vectors');
const sentences = ENCODER ? await SentenceVectors.start({ cacheDir: vectorCache }) : undefined;
const words = new FactChecker(new KnowledgeBase(claimsOnDisk));
const both = sentences === undefined ? undefined : new FactChecker(new KnowledgeBase(claimsOnDisk, { sentences }));
await sentences?.whenPrepared();
/** The claim the bot answers a text with (null: silent), or undefined when the two stages disagree. */
async function agreed(text: string): Promise<string | null | undefined> {
  const decided = (d: Awaited<ReturnType<FactChecker['judge']>>) => (d.decision.decision === 'reply' ? d.decision.match.claim.id : null);
  const byWords = decided(await words.judge(text));
  if (both === undefined) return byWords;
  return decided(await both.judge(text)) === byWords ? byWords : undefined;
}
const claimTexts = claimsOnDisk.filter((c) => c.verdict !== 'accurate' && c.status === 'published').flatMap((c) => c.phrasings);
const quietTexts = ['dev', 'test']
  .flatMap((s) => readChatExamples(path.join(root, 'test/fixtures', `chat-${s}.jsonl`)))
  .filter((e) => !e.reply)
  .map((e) => e.text);

const bodies: string[][] = Array.from({ length: INSTANCES }, () => []);
const expectReply = new Set<string>();
let redelivered = 0;
let skipped = 0;
console.log(`Preparing ${EVENTS} events${ENCODER ? ' (each text judged by both stages)' : ''}...`);
for (let i = 0, n = 0; i < EVENTS; n++) {
  const isClaim = i % 5 === 0;
  const pool = isClaim ? claimTexts : quietTexts;
  // Every event's text is its own: a message-vector cache cannot answer for a repeated text.
  const text = `${pool[n % pool.length] as string} #${n}`;
  const claim = await agreed(text);
  if (claim === undefined || (claim !== null) !== isClaim) {
    skipped++;
    continue;
  }
  const ts = `${1_700_000_000 + i}.${String(i).padStart(6, '0')}`;
  const channel = `C${String(i % CHANNELS).padStart(4, '0')}`;
  if (claim !== null) expectReply.add(`${channel}/${ts}`);
  const body = JSON.stringify(eventCallback(messageEvent({ channel, text, ts }), `Ev${i}`));
  bodies[i % INSTANCES]!.push(body);
  if (INSTANCES > 1 && i % 20 === 7) {
    bodies[(i + 1) % INSTANCES]!.push(body);
    redelivered++;
  }
  i++;
}
await sentences?.close();
console.log(`${skipped} texts left out: the two stages decide them differently, or a claim phrasing the bot would not answer`);
const workDir = mkdtempSync(path.join(tmpdir(), 'load-'));
if (ENCODER) {
  mkdirSync(path.join(workDir, 'data', 'sentence-vectors'), { recursive: true });
  copyFileSync(path.join(vectorCache, 'sentence-vectors.jsonl'), path.join(workDir, 'data', 'sentence-vectors', 'sentence-vectors.jsonl'));
}
const bodiesFiles = bodies.map((list, n) => {
  const file = path.join(workDir, `events-${n}.jsonl`);
  writeFileSync(file, `${list.join('\n')}\n`);
  return file;
});

const cluster = INSTANCES > 1 ? await postgresFor(values['database-url']) : undefined;
const fake = new FakeSlack();
await fake.start();
const pin = spawnSync('taskset', ['--version']).status === 0;
// With one instance, the harness keeps off the bot's core (every thread of this process, and the senders).
const harnessCore = pin && INSTANCES === 1 && availableParallelism() > 1 ? '1' : undefined;
if (harnessCore !== undefined) execFileSync('taskset', ['-a', '-p', '-c', harnessCore, String(process.pid)], { stdio: 'ignore' });
const bots: { child: ChildProcess; base: string; health: string }[] = [];
for (let n = 0; n < INSTANCES; n++) {
  const port = await freePort();
  const metricsPort = await freePort();
  const botCommand = pin ? ['taskset', '-c', String(n), process.execPath] : [process.execPath];
  const profile = values.profile === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', path.resolve(values.profile)];
  const child = spawn(botCommand[0] as string, [...botCommand.slice(1), ...profile, path.join(root, 'bin/factcheck.js'), 'start'], {
    cwd: root,
    env: {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      LOG_LEVEL: 'warn',
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      DATA_DIR: path.join(workDir, 'data'),
      SENTENCE_ENCODER: ENCODER ? 'on' : 'off',
      ...(cluster === undefined ? {} : { DATABASE_URL: cluster.url }),
      SLACK_BOT_TOKEN: 'xoxb-load-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      // Every claim message must be answered: no cooldown, no caps.
      REPLY_COOLDOWN_SECONDS: '0',
      CHANNEL_REPLIES_PER_MINUTE: '100000',
      GLOBAL_REPLIES_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  bots.push({ child, base: `http://127.0.0.1:${port}`, health: `http://127.0.0.1:${metricsPort}` });
}
for (const { child, health } of bots) {
  for (let tries = 0; (await fetch(`${health}/readyz`).catch(() => undefined))?.status !== 200; tries++) {
    if (tries > 300 || child.exitCode !== null) throw new Error('the bot did not become ready');
    await new Promise((r) => setTimeout(r, 100));
  }
}
const rssMb = () => bots.map(({ child }) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
const rssReady = rssMb();
/** CPU seconds each bot process has used, user and system, from /proc. */
const cpuSeconds = () =>
  bots.map(({ child }) => {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 }; // utime, stime in clock ticks (USER_HZ 100)
  });
const cpuReady = cpuSeconds();

const where = INSTANCES > 1 ? `two instances on PostgreSQL (${redelivered} events delivered to both)` : 'one instance';
console.log(`Sending ${EVENTS} signed events (${expectReply.size} that the core answers) to ${where} over ${values.connections} connections each${pin ? '; each bot pinned to its own core' : ''}...`);
const results = await Promise.all(bots.map(({ base }, n) => send(`${base}/slack/events`, bodiesFiles[n]!)));
const result = {
  sent: results.reduce((a, r) => a + r.sent, 0),
  ok: results.reduce((a, r) => a + r.ok, 0),
  non2xx: results.reduce((a, r) => a + r.non2xx, 0),
  errors: results.reduce((a, r) => a + r.errors, 0),
  timeouts: results.reduce((a, r) => a + r.timeouts, 0),
  durationMs: Math.max(...results.map((r) => r.durationMs)),
  // Percentiles do not add up across senders: the worse instance's figure is the one given.
  latency: Object.fromEntries(['p50', 'p90', 'p99', 'max'].map((k) => [k, Math.max(...results.map((r) => r.latency[k] ?? 0))])),
};

// Replies are written after the ack: wait until the fake has seen them all settle.
let last = -1;
for (let quiet = 0; quiet < 10; ) {
  const now = fake.callsTo('chat.postMessage').length;
  quiet = now === last ? quiet + 1 : 0;
  last = now;
  await new Promise((r) => setTimeout(r, 200));
}
const repliesPer = new Map<string, number>();
for (const call of fake.callsTo('chat.postMessage')) {
  const key = `${String(call.args['channel'])}/${String(call.args['thread_ts'])}`;
  repliesPer.set(key, (repliesPer.get(key) ?? 0) + 1);
}
const lost = [...expectReply].filter((k) => !repliesPer.has(k)).length;
const doubled = [...repliesPer.values()].filter((n) => n > 1).length;
const unexpected = [...repliesPer.keys()].filter((k) => !expectReply.has(k)).length;

const rssEnd = rssMb();
const cpuPerEvent = cpuSeconds().map((end, n) => {
  const events = Math.max(1, results[n]?.ok ?? 1);
  const user = (1000 * (end.user - (cpuReady[n]?.user ?? 0))) / events;
  const system = (1000 * (end.system - (cpuReady[n]?.system ?? 0))) / events;
  return { user, system, total: user + system };
});
const scraped = await Promise.all(bots.map(({ health }) => fetch(`${health}/metrics`).then((r) => r.text())));
const decisions = decisionTimes(scraped);
const encoder = sentenceOutcomes(scraped);
for (const { child } of bots) {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}
await fake.stop();
cluster?.stop();

const eventsPerSecond = result.ok / (result.durationMs / 1000);
console.log(`
events sent            ${result.sent} (${result.ok} acknowledged 2xx, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts)
duration               ${(result.durationMs / 1000).toFixed(2)} s
events per second      ${eventsPerSecond.toFixed(0)}
ack latency            p50 ${result.latency['p50']} ms, p90 ${result.latency['p90']} ms, p99 ${result.latency['p99']} ms, max ${result.latency['max']} ms${INSTANCES > 1 ? ' (the worse instance)' : ''}
chat decision          ${decisions.count} decided; p50 <= ${decisions.p50} ms, p99 <= ${decisions.p99} ms (histogram buckets); ${(100 * decisions.over50).toFixed(2)}% over 50 ms
sentence encoder       ${ENCODER ? `${encoder.total} messages in doubt (${((100 * encoder.total) / Math.max(1, decisions.count)).toFixed(1)}%): ${Object.entries(encoder.by).map(([k, v]) => `${k} ${v}`).join(', ')}` : 'off'}
bot CPU per event      ${cpuPerEvent.map((ms) => ms.total.toFixed(2)).join(' / ')} ms (user ${cpuPerEvent.map((ms) => ms.user.toFixed(2)).join(' / ')} + system ${cpuPerEvent.map((ms) => ms.system.toFixed(2)).join(' / ')}, over the events each instance acknowledged)
RSS per bot process    ${rssReady.map((mb) => mb.toFixed(0)).join(' / ')} MB when ready, ${rssEnd.map((mb) => mb.toFixed(0)).join(' / ')} MB after the run
replies expected       ${expectReply.size}
replies at the fake    ${[...repliesPer.values()].reduce((a, b) => a + b, 0)}
lost / doubled / unexpected   ${lost} / ${doubled} / ${unexpected}
`);
const pass = eventsPerSecond >= 1000 && decisions.over50 < 0.01 && lost === 0 && doubled === 0 && unexpected === 0 && result.ok === result.sent;
console.log(pass ? 'Targets met (>= 1,000 events/s, chat decision p99 < 50 ms, no lost, doubled or unexpected reply).' : 'Targets NOT met (>= 1,000 events/s, chat decision p99 < 50 ms, no lost, doubled or unexpected reply).');
process.exitCode = pass ? 0 : 1;

/** The bots' chat decision times, summed over their /metrics histograms: p50 and p99 as bucket bounds, and the share over 50 ms. */
function decisionTimes(texts: readonly string[]): { count: number; p50: number; p99: number; over50: number } {
  const buckets = new Map<number, number>();
  for (const text of texts) {
    for (const [, le, value] of text.matchAll(/^factcheck_match_seconds_bucket\{[^}]*le="([^"]+)"[^}]*\} (\d+)/gm)) {
      const bound = le === '+Inf' ? Infinity : Number(le);
      buckets.set(bound, (buckets.get(bound) ?? 0) + Number(value));
    }
  }
  const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
  const count = sorted.at(-1)?.[1] ?? 0;
  const bound = (q: number) => 1000 * (sorted.find(([, n]) => n >= q * count)?.[0] ?? Infinity);
  return { count, p50: bound(0.5), p99: bound(0.99), over50: count === 0 ? 0 : 1 - (buckets.get(0.05) ?? 0) / count };
}

/** What the bots' sentence encoders did with the messages in doubt, from /metrics. */
function sentenceOutcomes(texts: readonly string[]): { total: number; by: Record<string, number> } {
  const by: Record<string, number> = {};
  for (const text of texts) {
    for (const [, outcome, value] of text.matchAll(/^factcheck_sentence_vectors_total\{outcome="([^"]+)"\} (\d+)/gm)) by[outcome as string] = (by[outcome as string] ?? 0) + Number(value);
  }
  return { total: Object.values(by).reduce((a, b) => a + b, 0), by };
}

type SenderResult = { sent: number; ok: number; non2xx: number; errors: number; timeouts: number; durationMs: number; latency: Record<string, number> };

/** Runs one autocannon sender in its own process, to one instance. */
function send(url: string, file: string): Promise<SenderResult> {
  return new Promise((resolve, reject) => {
    const rate = values.rate === undefined ? [] : [String(Number(values.rate) / INSTANCES)];
    const command = [...(harnessCore === undefined ? [] : ['taskset', '-c', harnessCore]), process.execPath, '--import', 'tsx', path.join(root, 'scripts/load-sender.ts'), url, SECRET, file, String(values.connections), ...rate];
    const child = spawn(command[0] as string, command.slice(1), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop() as string) as SenderResult) : reject(new Error(`the sender failed: ${err}`))));
  });
}

/** A fresh database on the given server, or on a throwaway cluster (test/postgres/cluster.sh) stopped at the end. */
async function postgresFor(given: string | undefined): Promise<{ url: string; stop: () => void }> {
  let server = given;
  let stop = () => undefined as void;
  if (server === undefined) {
    const script = path.join(root, 'test/postgres/cluster.sh');
    const started = Object.fromEntries(execFileSync('bash', [script, 'start'], { encoding: 'utf8' }).trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
    server = started['TEST_DATABASE_URL'] as string;
    stop = () => void execFileSync('bash', [script, 'stop', started['TEST_PG_DIR'] as string]);
  }
  const name = `factcheck_load_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), stop };
}
