/**
 * `npm run faults`: the bot as the Docker image runs it (`node bin/factcheck.js start`, Discord and
 * Slack over HTTP) against the fake Discord and the fake Slack, fed the failure classes a fault
 * and abuse probe found: hostile text, calls lost before or after the platform acted on them,
 * late answers, hung calls, persistent 5xx, redeliveries, a shutdown with events arriving, a
 * full disk under DATA_DIR, and moderator changes followed by a SIGKILL. Prints one row per
 * class: inputs tried, faults injected, replies lost silently, replies doubled, acknowledged
 * changes lost, and the failures that could not be avoided but were made visible (a moderator
 * told, an error logged and counted).
 *
 * Options: --inputs N (8 per class).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { customId } from '../src/adapters/discord/custom-ids.ts';
import { loadKnowledge } from '../src/core/knowledge/load.ts';
import type { Fault } from '../test/fakes/faults.ts';
import { FakeDiscord } from '../test/fakes/discord/fake-discord.ts';
import { freePort } from '../test/fakes/free-port.ts';
import { emptySmallDisk, fillSmallDisk, smallDisksWork } from '../test/fakes/small-disk.ts';
import { FakeSlack, FAKE_IDENTITY } from '../test/fakes/slack/fake-slack.ts';
import { eventCallback, messageEvent, MODERATOR, nextEventId, nextTs, slashCommand, viewSubmission } from '../test/fakes/slack/payloads.ts';
import { SlackSender } from '../test/fakes/slack/signed-requests.ts';
import { BotProcess, type BotEnvironment } from './faults/bot-process.ts';
import { discordLeaks, HOSTILE_INPUTS, slackLeaks } from './faults/hostile-inputs.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { inputs: { type: 'string', default: '8' } } });
const N = Number(values.inputs);
const SECRET = 'fault-suite-signing-secret';
const CLAIM_MESSAGE = 'bro did you see the Trump video where he promises to get Imran Khan released from jail?';
const EDITED_CLAIM = 'khan-impeached';
// Moderators' edits must say only what the source says: the claim's own note, marked as checked, distinct each time.
const EDIT_MARKS = ['(Checked again.)', '(Reviewed.)', '(Confirmed.)', '(Checked twice.)', '(Seen again.)', '(Checked once more.)', '(Verified.)', '(Looked at again.)', '(Rechecked.)'];
const EDITED_NOTE = loadKnowledge([path.join(root, 'knowledge')]).find((c) => c.id === EDITED_CLAIM)!.note;
const revisedNote = (i: number) => [EDITED_NOTE, EDIT_MARKS[i % EDIT_MARKS.length], ...(i >= EDIT_MARKS.length ? [EDIT_MARKS[Math.floor(i / EDIT_MARKS.length) % EDIT_MARKS.length]] : [])].join(' ');
// Longer than the clients' 5 s timeout: the platform acts, the bot has given up waiting.
const LATE_MS = 6_000;

interface Row {
  name: string;
  inputs: number;
  faults: number;
  lost: number;
  doubled: number;
  changesLost: number | undefined;
  visible: number;
  unsafe?: number;
}

/** Discord classes, each with its own channels (one per input, so each input meets its own fault). */
const DISCORD_CLASSES: { slug: string; name: string; fault?: Fault; times?: number; mention?: boolean }[] = [
  { slug: 'd-before', name: 'Discord: dropped before processing', fault: { kind: 'drop-before' } },
  { slug: 'd-after', name: 'Discord: dropped after processing', fault: { kind: 'drop-after' } },
  { slug: 'd-late', name: 'Discord: answered after the timeout', fault: { kind: 'late', delayMs: LATE_MS } },
  { slug: 'd-500', name: 'Discord: one 500', fault: { kind: 'status', status: 500 } },
  { slug: 'd-mention', name: 'Discord: @-mention answer dropped after', fault: { kind: 'drop-after' }, mention: true },
  { slug: 'd-down', name: 'Discord: persistent 500s', fault: { kind: 'status', status: 500 }, times: Infinity },
];
const SLACK_CLASSES: { slug: string; name: string; fault: Fault; times?: number; mention?: boolean }[] = [
  { slug: 's-before', name: 'Slack: dropped before processing', fault: { kind: 'drop-before' } },
  { slug: 's-after', name: 'Slack: dropped after processing', fault: { kind: 'drop-after' } },
  { slug: 's-late', name: 'Slack: answered after the timeout', fault: { kind: 'late', delayMs: LATE_MS } },
  { slug: 's-hang', name: 'Slack: hung call (once)', fault: { kind: 'hang' } },
  { slug: 's-500', name: 'Slack: one 500', fault: { kind: 'status', status: 500 } },
  { slug: 's-mention', name: 'Slack: @-mention answer dropped after', fault: { kind: 'drop-after' }, mention: true },
  { slug: 's-down', name: 'Slack: persistent 500s', fault: { kind: 'status', status: 500 }, times: Infinity },
];
const channelsOf = (slug: string) => Array.from({ length: N }, (_, i) => `${slug}-${i}`);
const discordChannels = [...DISCORD_CLASSES.flatMap((c) => channelsOf(c.slug)), 'hostile', 'redelivered', 'drain', 'moderators'];

const discord = await new FakeDiscord({ channels: discordChannels }).start();
const slack = new FakeSlack();
await slack.start();
const env: BotEnvironment = {
  port: await freePort(),
  metricsPort: await freePort(),
  dataDir: mkdtempSync(path.join(tmpdir(), 'faults-')),
  discord: { token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl, moderatorRoleId: discord.guild.moderatorRoleId },
  slack: { apiUrl: slack.apiUrl, signingSecret: SECRET, moderatorId: MODERATOR },
};
let bot = new BotProcess(env);
await bot.start();
const sender = () => new SlackSender(`http://127.0.0.1:${env.port}/slack/events`, SECRET);

const discordRepliesTo = (id: string) => discord.createdMessages().filter((m) => (m.body['message_reference'] as { message_id?: string } | undefined)?.message_id === id);
const discordFailed = (id: string) => bot.errors((l) => l['messageId'] === id).length > 0;
const slackRepliesTo = (channel: string, ts: string) => slack.posted.filter((m) => m.channel === channel && m.threadTs === ts);
const slackFailed = (channel: string, ts: string) => bot.errors((l) => l['channel'] === channel && l['ts'] === ts).length > 0;

/** Waits until every input has a reply or a logged failure, or `timeoutMs` passes. */
async function settle(done: () => boolean, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  // Late retries and lookups land after the reply: a moment more so a second post would be seen.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
}

/** Counts what happened to inputs that each expected one reply. */
function tally(name: string, outcomes: { replies: number; failed: boolean }[], faults: number, extra: Partial<Row> = {}): Row {
  return {
    name,
    inputs: outcomes.length,
    faults,
    lost: outcomes.filter((o) => o.replies === 0 && !o.failed).length,
    doubled: outcomes.filter((o) => o.replies > 1).length,
    changesLost: undefined,
    visible: outcomes.filter((o) => o.replies === 0 && o.failed).length,
    ...extra,
  };
}

/** Lost replies count as visible only if they were logged as errors and counted in factcheck_errors_total. */
async function withCountedErrors(run: () => Promise<Row>): Promise<Row> {
  const before = await bot.errorsCounted();
  const row = await run();
  const counted = (await bot.errorsCounted()) - before;
  if (row.visible > counted) return { ...row, lost: row.lost + row.visible - counted, visible: counted };
  return row;
}

async function discordClass(c: (typeof DISCORD_CLASSES)[number]): Promise<Row> {
  const injectedBefore = discord.rest.faults.injected.length;
  const ids = channelsOf(c.slug).map((channel) => {
    if (c.fault !== undefined) discord.rest.faults.add(new RegExp(`^POST /channels/${discord.channelId(channel)}/messages$`), c.fault, c.times ?? 1);
    return discord.post(channel, c.mention === true ? `<@${discord.bot.id}> ${CLAIM_MESSAGE}` : CLAIM_MESSAGE);
  });
  await settle(() => ids.every((id) => discordRepliesTo(id).length > 0 || discordFailed(id)));
  discord.rest.faults.clear();
  return tally(c.name, ids.map((id) => ({ replies: discordRepliesTo(id).length, failed: discordFailed(id) })), discord.rest.faults.injected.length - injectedBefore);
}

async function slackClass(c: (typeof SLACK_CLASSES)[number]): Promise<Row> {
  const injectedBefore = slack.faults.injected.length;
  const inputs = channelsOf(c.slug).map((channel) => ({ channel, ts: nextTs() }));
  for (const { channel } of inputs) slack.faults.add(`chat.postMessage ${channel}`, c.fault, c.times ?? 1);
  await Promise.all(
    inputs.map(({ channel, ts }) => sender().event(eventCallback(messageEvent({ channel, ts, text: c.mention === true ? `<@${FAKE_IDENTITY.botUserId}> ${CLAIM_MESSAGE}` : CLAIM_MESSAGE })))),
  );
  await settle(() => inputs.every(({ channel, ts }) => slackRepliesTo(channel, ts).length > 0 || slackFailed(channel, ts)));
  slack.faults.clear();
  return tally(c.name, inputs.map(({ channel, ts }) => ({ replies: slackRepliesTo(channel, ts).length, failed: slackFailed(channel, ts) })), slack.faults.injected.length - injectedBefore);
}

async function hostileClass(): Promise<Row> {
  let unsafe = 0;
  const outcomes: { replies: number; failed: boolean }[] = [];
  const discordIds = HOSTILE_INPUTS.map((h) => discord.post('hostile', `<@${discord.bot.id}> ${h.text}`));
  const slackInputs = HOSTILE_INPUTS.map((h) => ({ ts: nextTs(), text: `<@${FAKE_IDENTITY.botUserId}> ${h.text}` }));
  for (const input of slackInputs) await sender().event(eventCallback(messageEvent({ channel: 'C-HOSTILE', ts: input.ts, text: input.text })));
  await settle(() => discordIds.every((id) => discordRepliesTo(id).length > 0 || discordFailed(id)) && slackInputs.every((i) => slackRepliesTo('C-HOSTILE', i.ts).length > 0 || slackFailed('C-HOSTILE', i.ts)));
  for (const id of discordIds) {
    const replies = discordRepliesTo(id);
    outcomes.push({ replies: replies.length, failed: discordFailed(id) });
    for (const reply of replies) if (discordLeaks(reply.body).length > 0) unsafe += 1;
  }
  for (const { ts } of slackInputs) {
    const replies = slack.callsTo('chat.postMessage').filter((c) => c.args['channel'] === 'C-HOSTILE' && c.args['thread_ts'] === ts);
    outcomes.push({ replies: replies.length, failed: slackFailed('C-HOSTILE', ts) });
    for (const reply of replies) if (slackLeaks(reply.args).length > 0) unsafe += 1;
  }
  const stillUp = (await fetch(`http://127.0.0.1:${env.metricsPort}/healthz`).catch(() => undefined))?.status === 200;
  return tally('Hostile text (@-mentions, both platforms)', outcomes, 0, { unsafe: unsafe + (stillUp ? 0 : 1) });
}

async function redeliveryClass(): Promise<Row> {
  const outcomes: { replies: number; failed: boolean }[] = [];
  const ids: string[] = [];
  // Discord: the gateway dispatches the same message again (a resume replays it).
  for (let i = 0; i < N; i++) {
    const id = discord.post('redelivered', CLAIM_MESSAGE);
    discord.post('redelivered', CLAIM_MESSAGE, discord.member, id);
    ids.push(id);
  }
  // Slack: the same event retried (x-slack-retry-num), and the same message as message and app_mention.
  const inputs = Array.from({ length: N }, () => ({ ts: nextTs(), eventId: nextEventId() }));
  for (const { ts, eventId } of inputs) {
    const envelope = eventCallback(messageEvent({ channel: 'C-REDELIVERED', ts, text: CLAIM_MESSAGE }), eventId);
    await sender().event(envelope);
    await sender().event(envelope, { retryNum: 1 });
    await sender().event(eventCallback({ ...messageEvent({ channel: 'C-REDELIVERED', ts, text: CLAIM_MESSAGE }), type: 'app_mention' }));
  }
  await settle(() => ids.every((id) => discordRepliesTo(id).length > 0) && inputs.every(({ ts }) => slackRepliesTo('C-REDELIVERED', ts).length > 0), 20_000);
  for (const id of ids) outcomes.push({ replies: discordRepliesTo(id).length, failed: discordFailed(id) });
  for (const { ts } of inputs) outcomes.push({ replies: slackRepliesTo('C-REDELIVERED', ts).length, failed: slackFailed('C-REDELIVERED', ts) });
  return tally('Redeliveries (gateway replay, Slack retries)', outcomes, 2 * N);
}

/**
 * SIGTERM with replies in flight and messages still arriving. Slack's are refused with 503 and sent
 * again after the restart, as Slack does; Discord's, which Discord never sends again, are answered
 * within the drain.
 */
async function drainClass(): Promise<Row> {
  const held = slack.hold('chat.postMessage');
  const slackInFlight = nextTs();
  await sender().event(eventCallback(messageEvent({ channel: 'C-DRAIN', ts: slackInFlight, text: CLAIM_MESSAGE })));
  discord.rest.faults.add(new RegExp(`^POST /channels/${discord.channelId('drain')}/messages$`), { kind: 'late', delayMs: 3_000 });
  const discordIds = [discord.post('drain', CLAIM_MESSAGE)];
  while (held.waiting() === 0 || !discord.requests.some((r) => r.fault === 'late' && r.path.includes(discord.channelId('drain')))) await new Promise((resolve) => setTimeout(resolve, 20));
  const stopped = bot.stop('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const refused: { envelope: Record<string, unknown>; ts: string }[] = [];
  const accepted: string[] = [];
  for (let i = 0; i < N; i++) {
    const ts = nextTs();
    const envelope = eventCallback(messageEvent({ channel: 'C-DRAIN', ts, text: CLAIM_MESSAGE }));
    const answer = await sender().event(envelope).catch(() => ({ status: 0 }));
    if (answer.status === 200) accepted.push(ts);
    else refused.push({ envelope, ts });
    discordIds.push(discord.post('drain', CLAIM_MESSAGE));
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  held.release();
  await stopped;
  bot = new BotProcess(env);
  await bot.start();
  for (const { envelope } of refused) await sender().event(envelope, { retryNum: 1 });
  const slackTs = [slackInFlight, ...accepted, ...refused.map((r) => r.ts)];
  await settle(() => slackTs.every((ts) => slackRepliesTo('C-DRAIN', ts).length > 0) && discordIds.every((id) => discordRepliesTo(id).length > 0), 20_000);
  const outcomes = [
    ...slackTs.map((ts) => ({ replies: slackRepliesTo('C-DRAIN', ts).length, failed: false })),
    ...discordIds.map((id) => ({ replies: discordRepliesTo(id).length, failed: false })),
  ];
  return tally('SIGTERM with replies in flight, events arriving', outcomes, 1 + refused.length);
}

/**
 * The disk under DATA_DIR fills while the bot runs (a small tmpfs of its own): moderators on both
 * platforms must be told each change was not saved, a passive reply that cannot be checked against
 * the store must be logged as an error, and nothing acknowledged may be missing once there is room.
 */
async function fullDiskClass(): Promise<Row> {
  const name = 'Store full (real ENOSPC under DATA_DIR)';
  if (!smallDisksWork()) return { name: `${name}: skipped, no user namespaces here`, inputs: 0, faults: 0, lost: 0, doubled: 0, changesLost: 0, visible: 0 };
  await bot.stop('SIGTERM');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'faults-full-'));
  const small = new BotProcess({ ...env, dataDir }, 4096);
  bot = small;
  await small.start();
  fillSmallDisk(small.pid!, dataDir);
  let told = 0;
  const acknowledged: string[] = [];
  for (let i = 0; i < N; i++) {
    const note = revisedNote(i);
    let said = '';
    if (i % 2 === 0) {
      const id = discord.submitForm('moderators', customId({ step: 'edit', claimId: EDITED_CLAIM, version: 0 }), { note }, discord.moderator);
      await settle(() => discord.answerTo(id) !== undefined, 10_000);
      said = String(discord.answerTo(id)?.['content'] ?? '');
    } else {
      const triggerId = `T-FULL-${i}`;
      await sender().command(slashCommand({ text: `edit ${EDITED_CLAIM}`, user: MODERATOR, channel: 'C-MODS', responseUrl: slack.responseUrl(), command: '/claim', triggerId }));
      await settle(() => slack.views.some((v) => v.triggerId === triggerId), 10_000);
      const view = slack.views.find((v) => v.triggerId === triggerId);
      said = view === undefined ? '' : (await sender().interaction(viewSubmission(view, { note }, MODERATOR))).body;
    }
    if (said.includes('Not saved: ')) told += 1;
    else if (said.includes('Saved')) acknowledged.push(note);
  }
  const passive = Array.from({ length: N }, () => discord.post('moderators', CLAIM_MESSAGE));
  await settle(() => passive.every((id) => discordRepliesTo(id).length > 0 || discordFailed(id)), 15_000);
  emptySmallDisk(small.pid!, dataDir);
  const history = spawnSync(process.execPath, [path.join(root, 'bin/factcheck.js'), 'claim', 'history', EDITED_CLAIM], { cwd: root, env: { ...process.env, DATA_DIR: path.join(`/proc/${small.pid}/root`, dataDir) }, encoding: 'utf8' }).stdout;
  const passiveOutcomes = passive.map((id) => ({ replies: discordRepliesTo(id).length, failed: discordFailed(id) }));
  await small.stop('SIGTERM');
  bot = new BotProcess(env);
  await bot.start();
  return {
    name,
    inputs: N + passive.length,
    faults: 1,
    lost: N - told - acknowledged.length + passiveOutcomes.filter((o) => o.replies === 0 && !o.failed).length,
    doubled: passiveOutcomes.filter((o) => o.replies > 1).length,
    changesLost: acknowledged.filter((note) => !history.includes(JSON.stringify(note))).length,
    visible: told + passiveOutcomes.filter((o) => o.replies === 0 && o.failed).length,
  };
}

/** Moderators edit one claim from both platforms; the bot is SIGKILLed right after the last acknowledgement. */
async function moderatorChangesClass(): Promise<Row> {
  const acknowledged: string[] = [];
  let version = claimVersion();
  for (let i = 0; i < N; i++) {
    const note = revisedNote(i);
    if (i % 2 === 0) {
      const id = discord.submitForm('moderators', customId({ step: 'edit', claimId: EDITED_CLAIM, version }), { note }, discord.moderator);
      await settle(() => discord.answerTo(id) !== undefined, 10_000);
      const said = String(discord.answerTo(id)?.['content'] ?? '');
      const saved = /^Saved `.+` as version (\d+)/.exec(said);
      if (saved !== null) {
        acknowledged.push(note);
        version = Number(saved[1]);
      }
    } else {
      const triggerId = `T-FAULTS-${i}`;
      await sender().command(slashCommand({ text: `edit ${EDITED_CLAIM}`, user: MODERATOR, channel: 'C-MODS', responseUrl: slack.responseUrl(), command: '/claim', triggerId }));
      await settle(() => slack.views.some((v) => v.triggerId === triggerId), 10_000);
      const view = slack.views.find((v) => v.triggerId === triggerId);
      if (view === undefined) continue;
      const answer = await sender().interaction(viewSubmission(view, { note }, MODERATOR));
      if (answer.status === 200 && answer.body.includes('Saved')) {
        acknowledged.push(note);
        version += 1;
      }
    }
  }
  await bot.stop('SIGKILL');
  // History lines show each note as JSON.
  const history = spawnSync(process.execPath, [path.join(root, 'bin/factcheck.js'), 'claim', 'history', EDITED_CLAIM], { cwd: root, env: { ...process.env, DATA_DIR: env.dataDir }, encoding: 'utf8' }).stdout;
  bot = new BotProcess(env);
  await bot.start();
  const lost = acknowledged.filter((note) => !history.includes(JSON.stringify(note))).length;
  return { name: 'Moderator edits, then SIGKILL', inputs: N, faults: 1, lost: 0, doubled: 0, changesLost: lost, visible: N - acknowledged.length };
}

function claimVersion(): number {
  const shown = spawnSync(process.execPath, [path.join(root, 'bin/factcheck.js'), 'claim', 'show', EDITED_CLAIM], { cwd: root, env: { ...process.env, DATA_DIR: env.dataDir }, encoding: 'utf8' }).stdout;
  return Number(/^# version (\d+)/m.exec(shown)?.[1] ?? 0);
}

const started = Date.now();
const rows: Row[] = [await hostileClass()];
for (const c of DISCORD_CLASSES) rows.push(c.times === Infinity ? await withCountedErrors(() => discordClass(c)) : await discordClass(c));
for (const c of SLACK_CLASSES) rows.push(c.times === Infinity ? await withCountedErrors(() => slackClass(c)) : await slackClass(c));
rows.push(await redeliveryClass());
rows.push(await drainClass());
rows.push(await fullDiskClass());
rows.push(await moderatorChangesClass());
await bot.stop('SIGTERM');
await discord.stop();
await slack.stop();

const total: Row = rows.reduce(
  (sum, r) => ({ ...sum, inputs: sum.inputs + r.inputs, faults: sum.faults + r.faults, lost: sum.lost + r.lost, doubled: sum.doubled + r.doubled, changesLost: (sum.changesLost ?? 0) + (r.changesLost ?? 0), visible: sum.visible + r.visible, unsafe: (sum.unsafe ?? 0) + (r.unsafe ?? 0) }),
  { name: 'Total', inputs: 0, faults: 0, lost: 0, doubled: 0, changesLost: 0, visible: 0, unsafe: 0 },
);
const header = ['Class', 'Inputs', 'Faults', 'Replies lost', 'Replies doubled', 'Acked changes lost', 'Unavoidable, made visible', 'Unsafe replies'];
const cells = [...rows, total].map((r) => [r.name, r.inputs, r.faults, r.lost, r.doubled, r.changesLost ?? '-', r.visible, r.unsafe ?? '-'].map(String));
const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
const line = (c: string[]) => `| ${c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(' | ')} |`;
process.stdout.write(`${line(header)}\n|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|\n`);
for (const c of cells) process.stdout.write(`${line(c)}\n`);
process.stdout.write(`\n${N} inputs per class; ${((Date.now() - started) / 1000).toFixed(0)} s. "Made visible": a moderator was told in words, or the failure was logged as an error and counted in factcheck_errors_total.\n`);
process.exitCode = total.lost + total.doubled + (total.changesLost ?? 0) + (total.unsafe ?? 0) === 0 ? 0 : 1;
