/**
 * Child process for the durability test: writes moderator changes as fast as it can and prints
 * "ack <claim> <version>" after each one is stored, until it is killed.
 */
import { openFactCheckCore } from '../../src/fact-check-core.ts';

const [dataDir, knowledge] = process.argv.slice(2) as [string, string];
const core = await openFactCheckCore({ knowledge: [knowledge], dataDir });
const moderator = { id: 'burst', name: 'Burst', platform: 'cli' as const, isModerator: true };
const ids = ['khan-impeached', 'trump-khan-release-video', 'us-conspiracy-khan-ouster'];
for (let i = 0; ; i++) {
  const id = ids[i % ids.length] as string;
  await core.moderation.edit(moderator, id, { phrasings: [`burst phrasing number ${i} about ${id}`] });
  process.stdout.write(`ack ${id} ${core.moderation.show(id).version}\n`);
}
