/**
 * `npm run load`: the bot with Slack over HTTP against the local fake Slack Web API, fed 10,000
 * signed message events (one in five repeats a known claim) by autocannon in a second process.
 * Reports events per second, acknowledgement latency, and whether every message the core
 * answers got exactly one reply and nothing else got any (counted at the fake).
 *
 * Options: --events N (10000), --connections N (10). The bot is pinned to one core when
 * `taskset` exists.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { freePort } from '../test/fakes/free-port.ts';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FactChecker } from '../src/core/fact-checker.ts';
import { KnowledgeBase } from '../src/core/knowledge-base.ts';
import { loadKnowledge } from '../src/core/knowledge/load.ts';
import { readChatExamples } from '../src/evaluation/chat-eval.ts';
import { FakeSlack } from '../test/fakes/slack/fake-slack.ts';
import { eventCallback, messageEvent } from '../test/fakes/slack/payloads.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { events: { type: 'string', default: '10000' }, connections: { type: 'string', default: '10' } } });
const EVENTS = Number(values.events);
const SECRET = 'load-test-signing-secret';
const CHANNELS = 50;

// The mix: claim messages from the claims' own phrasings, the rest chat that should stay silent.
const knowledge = new KnowledgeBase(loadKnowledge([path.join(root, 'knowledge')]));
const judge = new FactChecker(knowledge);
const claimTexts = knowledge
  .all()
  .filter((c) => c.verdict !== 'accurate')
  .flatMap((c) => c.phrasings)
  .filter((t) => judge.judge(t).decision.decision === 'reply');
const quietTexts = ['dev', 'test']
  .flatMap((s) => readChatExamples(path.join(root, 'test/fixtures', `chat-${s}.jsonl`)))
  .filter((e) => !e.reply)
  .map((e) => e.text)
  .filter((t) => judge.judge(t).decision.decision === 'none');

const bodies: string[] = [];
const expectReply = new Set<string>();
for (let i = 0; i < EVENTS; i++) {
  const isClaim = i % 5 === 0;
  const pool = isClaim ? claimTexts : quietTexts;
  const text = `${pool[i % pool.length] as string}${i % 3 === 0 ? '' : ` #${i}`}`;
  const ts = `${1_700_000_000 + i}.${String(i).padStart(6, '0')}`;
  const channel = `C${String(i % CHANNELS).padStart(4, '0')}`;
  if (judge.judge(text).decision.decision === 'reply') expectReply.add(`${channel}/${ts}`);
  bodies.push(JSON.stringify(eventCallback(messageEvent({ channel, text, ts }), `Ev${i}`)));
}
const workDir = mkdtempSync(path.join(tmpdir(), 'load-'));
const bodiesFile = path.join(workDir, 'events.jsonl');
writeFileSync(bodiesFile, `${bodies.join('\n')}\n`);

const fake = new FakeSlack();
await fake.start();
const port = await freePort();
const pin = spawnSync('taskset', ['--version']).status === 0;
const botCommand = pin ? ['taskset', '-c', '0', process.execPath] : [process.execPath];
const bot = spawn(botCommand[0] as string, [...botCommand.slice(1), path.join(root, 'bin/factcheck.js'), 'start'], {
  cwd: root,
  env: {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    LOG_LEVEL: 'warn',
    PORT: String(port),
    DATA_DIR: path.join(workDir, 'data'),
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
const base = `http://127.0.0.1:${port}`;
for (let tries = 0; (await fetch(`${base}/readyz`).catch(() => undefined))?.status !== 200; tries++) {
  if (tries > 300 || bot.exitCode !== null) throw new Error('the bot did not become ready');
  await new Promise((r) => setTimeout(r, 100));
}

console.log(`Sending ${EVENTS} signed events (${expectReply.size} that the core answers) over ${values.connections} connections${pin ? '; bot pinned to core 0' : ''}...`);
const sender = spawnSync(
  process.execPath,
  ['--import', 'tsx', path.join(root, 'scripts/load-sender.ts'), `${base}/slack/events`, SECRET, bodiesFile, String(values.connections)],
  { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 },
);
if (sender.status !== 0) throw new Error(`the sender failed: ${sender.stderr}`);
const result = JSON.parse(sender.stdout.trim().split('\n').pop() as string) as {
  sent: number; ok: number; non2xx: number; errors: number; timeouts: number; durationMs: number; latency: Record<string, number>;
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

bot.kill('SIGTERM');
await new Promise((r) => bot.once('exit', r));
await fake.stop();

const eventsPerSecond = result.ok / (result.durationMs / 1000);
console.log(`
events sent            ${result.sent} (${result.ok} acknowledged 2xx, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts)
duration               ${(result.durationMs / 1000).toFixed(2)} s
events per second      ${eventsPerSecond.toFixed(0)}
ack latency            p50 ${result.latency['p50']} ms, p90 ${result.latency['p90']} ms, p99 ${result.latency['p99']} ms, max ${result.latency['max']} ms
replies expected       ${expectReply.size}
replies at the fake    ${[...repliesPer.values()].reduce((a, b) => a + b, 0)}
lost / doubled / unexpected   ${lost} / ${doubled} / ${unexpected}
`);
const pass = eventsPerSecond >= 500 && (result.latency['p99'] ?? Infinity) < 100 && lost === 0 && doubled === 0 && unexpected === 0 && result.ok === EVENTS;
console.log(pass ? 'Targets met (>= 500 events/s, p99 ack < 100 ms, no lost, doubled or unexpected reply).' : 'Targets NOT met.');
process.exitCode = pass ? 0 : 1;
