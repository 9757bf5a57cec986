import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { factCheckEmbed } from '../../src/adapters/discord/fact-check-embed.ts';
import { replyMessage } from '../../src/adapters/slack/fact-check-blocks.ts';
import { renderReply } from '../../src/adapters/terminal/render.ts';
import { claimToFile } from '../../src/core/claim.ts';
import { loadKnowledge } from '../../src/core/knowledge/load.ts';
import { replyFor } from '../../src/core/reply.ts';

const SOURCE = 'Officials said the bridge never closed in March 2024.';

/** A knowledge folder with one claim citing a published article. */
function published(source: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'citation-'));
  mkdirSync(path.join(dir, 'claims'));
  mkdirSync(path.join(dir, 'sources'));
  writeFileSync(path.join(dir, 'sources', 'bridge.txt'), SOURCE);
  writeFileSync(path.join(dir, 'claims', 'bridge-closed.yaml'), YAML.stringify({
    id: 'bridge-closed', claim: 'The bridge closed in March 2024.', verdict: 'false',
    note: 'Officials said the bridge never closed in March 2024.', evidence: [SOURCE],
    source: { ...source, file: 'sources/bridge.txt' }, updated: '2024-04-01',
  }));
  const [claim] = loadKnowledge([dir]);
  return claim!;
}

describe('the source line of a reply', () => {
  const claim = published({ title: 'Bridge stays open', publisher: 'City Courier', date: '2024-04-01', url: 'https://courier.example/bridge' });
  const reply = replyFor(claim, 0.9);

  it('keeps the publisher a claim file gives, and writes it back on export', () => {
    expect(claim.source).toEqual({ title: 'Bridge stays open', publisher: 'City Courier', date: '2024-04-01', file: 'sources/bridge.txt', url: 'https://courier.example/bridge' });
    expect(claimToFile(claim)['source']).toEqual({ title: 'Bridge stays open', publisher: 'City Courier', date: '2024-04-01', file: 'sources/bridge.txt', url: 'https://courier.example/bridge' });
  });

  it('names the publisher and links the article on Discord, Slack and the terminal', () => {
    expect(factCheckEmbed(reply).fields?.find((f) => f.name === 'Source')?.value).toBe('[City Courier: Bridge stays open (2024-04-01)](https://courier.example/bridge)');
    const slack = replyMessage(reply);
    expect(JSON.stringify(slack.blocks)).toContain('Source: <https://courier.example/bridge|City Courier: Bridge stays open (2024-04-01)>');
    expect(slack.text).toContain('Source: City Courier: Bridge stays open (2024-04-01).');
    expect(renderReply(reply)).toContain('Source: City Courier: Bridge stays open (2024-04-01), https://courier.example/bridge  [bridge-closed]');
  });

  it('shows the title and date alone when the source names no publisher or URL', () => {
    const bare = replyFor(published({ title: 'Analysis article', date: '2024-11-11' }), 0.9);
    expect(factCheckEmbed(bare).fields?.find((f) => f.name === 'Source')?.value).toBe('Analysis article (2024-11-11)');
    expect(JSON.stringify(replyMessage(bare).blocks)).toContain('Source: Analysis article (2024-11-11)');
    expect(renderReply(bare)).toContain('Source: Analysis article (2024-11-11)  [bridge-closed]');
  });
});
