import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACTCHECK_COMMAND } from '../../../src/adapters/discord/index.ts';
import { CLAIM_MESSAGE } from '../../contract/adapter-contract.ts';
import { startBot, type BotUnderTest } from './bot-under-test.ts';

const STRING = 3;

describe('a Discord interaction delivered again', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot({ fake: { channels: ['general'] } });
  });
  afterAll(() => bot.stop());

  it('is answered once, by its interaction id', async () => {
    const id = bot.fake.slashCommand('general', FACTCHECK_COMMAND, [{ name: 'text', type: STRING, value: CLAIM_MESSAGE }]);
    const callbacks = () => bot.fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`));
    await bot.fake.until('the answer', () => callbacks().length > 0);
    bot.fake.replayInteraction(id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(callbacks()).toHaveLength(1);
  });
});
