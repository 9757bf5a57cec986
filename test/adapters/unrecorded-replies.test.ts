import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFactCheckCore } from '../../src/fact-check-core.ts';
import { CLAIM_ID, CLAIM_MESSAGE } from '../contract/adapter-contract.ts';
import { FakeSlack } from '../fakes/slack/fake-slack.ts';
import { eventCallback, messageEvent } from '../fakes/slack/payloads.ts';
import { capSqlite } from '../store/full-sqlite.ts';
import { handled, startBot } from './discord/bot-under-test.ts';
import { BotUnderTest } from './slack/bot-under-test.ts';

const KNOWLEDGE = path.resolve(import.meta.dirname, '../../knowledge');
// Long enough that recording the reply (which keeps the text it answered) needs a new page of the store.
const LONG_CLAIM_MESSAGE = `${CLAIM_MESSAGE} ${'and that is what everyone in the group chat is saying today. '.repeat(80)}`;

describe('a passive reply the store could not record', () => {
  it('on Discord loses its feedback buttons (they could only say "no record") and the failure is logged as an error', async () => {
    const core = await openFactCheckCore({ knowledge: [KNOWLEDGE], dataDir: mkdtempSync(path.join(tmpdir(), 'unrecorded-discord-')) });
    const bot = await startBot({ core, fake: { channels: ['general'] } });
    try {
      capSqlite(core.store);
      const id = bot.fake.post('general', LONG_CLAIM_MESSAGE);
      expect((await handled(bot, id)).outcome).toBe('replied');
      const [reply] = bot.fake.createdMessages().filter((m) => (m.body['message_reference'] as { message_id?: string } | undefined)?.message_id === id);
      expect((reply!.body['components'] as unknown[]).length).toBe(1);
      await bot.fake.until('the buttons to come off', () => bot.fake.editedMessages().some((e) => e.messageId === reply!.id && Array.isArray(e.body['components']) && (e.body['components'] as unknown[]).length === 0));
      const error = bot.logs.find((l) => l.level === 50 && l.msg.startsWith('posted a reply but could not record it'));
      expect(error).toMatchObject({ replyMessageId: reply!.id, claimId: CLAIM_ID, store: 'full' });
      expect(error!.msg).toMatch(/its buttons were removed: DATA_DIR=.*no space left/);
      expect(await core.moderation.repliesToUpdate(CLAIM_ID)).toEqual([]);
    } finally {
      await bot.stop();
      await core.close();
    }
  });

  it('on Slack loses its feedback buttons the same way', async () => {
    const fake = new FakeSlack();
    await fake.start();
    const core = await openFactCheckCore({ knowledge: [KNOWLEDGE], dataDir: mkdtempSync(path.join(tmpdir(), 'unrecorded-slack-')) });
    const bot = await new BotUnderTest(fake, { mode: 'http', core }).start();
    try {
      capSqlite(core.store);
      const event = messageEvent({ channel: 'C-UNRECORDED', text: LONG_CLAIM_MESSAGE });
      await bot.slack.event(eventCallback(event));
      expect((await bot.handled('C-UNRECORDED', String(event['ts'])))[0]?.outcome).toBe('replied');
      const [post] = fake.callsTo('chat.postMessage').filter((c) => c.args['channel'] === 'C-UNRECORDED');
      expect(JSON.stringify(post!.args['blocks'])).toContain('reply_helpful');
      const update = fake.callsTo('chat.update').find((c) => c.args['ts'] === post!.response?.['ts']);
      expect(update).toBeDefined();
      expect(JSON.stringify(update!.args['blocks'])).not.toContain('reply_helpful');
      expect(bot.errors().some((l) => String(l['msg']).startsWith('posted a reply but could not record it') && l['store'] === 'full')).toBe(true);
    } finally {
      await bot.adapter.stop();
      await fake.stop();
      await core.close();
    }
  });
});
