import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TerminalChat } from '../../../src/adapters/terminal/terminal-chat.ts';
import { loadKnowledge } from '../../../src/core/knowledge/load.ts';
import { VERDICT_STYLE } from '../../../src/core/verdict.ts';
import { openFactCheckCore } from '../../../src/fact-check-core.ts';

const knowledge = path.resolve(import.meta.dirname, '../../../knowledge');
const CLAIM = 'Trump ne Imran Khan ko riha karwane ka wada kiya hai';
const MODERATOR = { id: 'terminal', name: 'Sara', platform: 'terminal' as const, isModerator: true };
const DIM = '\x1b[2m';
const shipped = loadKnowledge([knowledge]);
const IN_FORCE = shipped.filter((c) => c.status === 'published').length;

/** Types `lines` into a terminal chat over the shipped knowledge; resolves with everything it printed. */
async function chat(lines: string[], options: { moderator?: boolean; interactive?: boolean; columns?: number; asksPerUserPerMinute?: number } = {}): Promise<string> {
  const core = await openFactCheckCore({ knowledge: [knowledge], dataDir: null, ...(options.asksPerUserPerMinute === undefined ? {} : { asksPerUserPerMinute: options.asksPerUserPerMinute }) });
  const input = new PassThrough();
  const output = Object.assign(new PassThrough(), { columns: options.columns });
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const closed = new Promise<void>((resolve) => {
    void new TerminalChat({
      checker: core.checker,
      moderation: core.moderation,
      ...(options.moderator === true ? { moderator: MODERATOR } : {}),
      input,
      output,
      interactive: options.interactive ?? false,
      onClose: resolve,
    }).start();
  });
  input.end(`${lines.join('\n')}\n`);
  await closed;
  await core.close();
  return printed;
}

describe('the terminal chat', () => {
  it('shows a > prompt at a terminal, and counts the claims in force in its banner', async () => {
    const out = await chat(['good morning'], { interactive: true });
    // Readline draws the prompt with cursor codes at a terminal; what a person sees is "> ".
    const seen = out.replace(/\x1b\[\d*[GJ]/g, '');
    expect(seen).toMatch(new RegExp(`^factcheck terminal chat — ${IN_FORCE} claims in force\\. /help lists the commands\\.\\n> good morning\\r?\\n> $`));
  });

  it('says in one dim line why it stayed silent on a claim it already answered, and nothing on small talk', async () => {
    const out = await chat([CLAIM, 'good morning everyone', 'trump ne imran khan ko riha karwane ka waada kia'], { interactive: true });
    expect(out.match(/Fact-check: /g)).toHaveLength(1);
    const notes = out.split('\n').filter((l) => l.includes(DIM));
    expect(notes).toEqual([
      expect.stringContaining('(silent: trump-promised-khan-release was already answered in this channel; the same claim waits 10 minutes per channel (REPLY_COOLDOWN_SECONDS))'),
    ]);
  });

  it('says when a message already corrects the claim', async () => {
    const out = await chat(['ye trump ki imran khan ko riha karwane wali video jhooti hai']);
    expect(out).toContain('(silent: the message already corrects trump-khan-release-video)');
    expect(out).not.toContain('Fact-check:');
  });

  it('lists its commands on /help, and refuses an unknown /command instead of taking it as a message', async () => {
    const out = await chat(['/help', '/foo trump ne imran khan ko riha karwane ka wada kiya']);
    expect(out).toContain('/factcheck TEXT');
    expect(out).toContain('/quit');
    expect(out).not.toContain('/claim list');
    expect(out).toContain('Unknown command /foo; /help lists the commands.');
    expect(out).not.toContain('Fact-check:');
    const moderator = await chat(['/help'], { moderator: true });
    expect(moderator).toContain('/notrelevant [N]');
    expect(moderator).toContain('/claim list [--status published|retired|all] [--json]');
    expect(moderator).toContain('/claim push ID');
    expect(moderator).not.toContain('--by NAME');
  });

  it('wraps long notes at word boundaries to the terminal width', async () => {
    const out = await chat([CLAIM], { columns: 50 });
    const lines = out.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(50);
    const words = new Set(
      (await chat([CLAIM]))
        .split(/\s+/)
        .filter(Boolean),
    );
    for (const word of out.split(/\s+/).filter(Boolean)) expect(words.has(word), `"${word}" is a whole word`).toBe(true);
  });

  it('on /factcheck, lists the closest claims without a verdict when none matches closely enough', async () => {
    const out = await chat(['/factcheck video', '/factcheck recipe for nihari']);
    expect(out).toMatch(/Closest known claims:\n {2}1\. .*\[trump-khan-release-video\]/);
    expect(out).toContain('None of them matches closely enough to give a verdict on this text.');
    expect(out).toContain('No known claim matches that text.');
    expect(out).not.toContain('Best match');
  });

  it('says so when /factcheck is asked too often', async () => {
    const out = await chat(['/factcheck is the trump video about imran khan real?', '/factcheck is the trump video about imran khan real?'], { asksPerUserPerMinute: 1 });
    expect(out.match(/Top matches:/g)).toHaveLength(1);
    expect(out).toContain('(you asked too often in the last minute (ASKS_PER_USER_PER_MINUTE); wait a moment)');
  });
});

describe('moderator commands in the terminal chat', () => {
  it('/notrelevant removes the reply just shown, says which, and the message no longer triggers that claim', async () => {
    const out = await chat([CLAIM, '/notrelevant', CLAIM], { moderator: true });
    expect(out).toContain('· reply #1');
    expect(out).toContain(`Removed reply #1 (trump-promised-khan-release) to "${CLAIM}"; messages like it no longer trigger trump-promised-khan-release.`);
    const after = out.slice(out.indexOf('Removed reply #1'));
    expect(after).not.toContain('[trump-promised-khan-release]');
  });

  it('/notrelevant does not reach back past a message that got no reply, unless the reply is named', async () => {
    const out = await chat([CLAIM, 'good morning', '/notrelevant', '/notrelevant 1', '/notrelevant 1'], { moderator: true });
    expect(out).toContain(`The last message got no reply, so nothing was marked. To mark an earlier reply, name it: /notrelevant 1 (the reply to "${CLAIM}").`);
    expect(out.match(/Removed reply #1/g)).toHaveLength(1);
    expect(out).toContain('Reply #1 was already removed.');
  });

  it('/correct names the message it corrects; /claim errors name the chat\'s commands', async () => {
    const out = await chat(
      ['orange man ne sign kar diya, qaidi number 804 ghar aa raha hai', '/correct trump-promised-khan-release old clip', '/claim add --id khan-impeached --verdict false --claim x --note y --evidence z', '/claim show nope', '/claim edit'],
      { moderator: true },
    );
    expect(out).toContain('Correction on message #1 "orange man ne sign kar diya, qaidi number 804 ghar aa raha hai":');
    expect(out).toContain('a claim with the id "khan-impeached" already exists; edit it instead (/claim edit khan-impeached)');
    expect(out).toContain('no claim has the id "nope"; /factcheck with its words finds it');
    expect(out).toContain('claim edit needs a claim id\nUsage: /claim edit ID');
    expect(out).not.toContain('factcheck claim');
  });

  it('/claim push shows the announcement in the terminal', async () => {
    const out = await chat(['/claim push trump-promised-khan-release'], { moderator: true });
    const claim = shipped.find((c) => c.id === 'trump-promised-khan-release');
    expect(out).toContain(`\nAnnouncement by Sara: ${VERDICT_STYLE[claim?.verdict ?? 'false'].label.toUpperCase()} — ${claim?.claim}\n`);
  });
});
