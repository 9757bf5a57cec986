import pg from 'pg';
import { expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { describeWithPostgres, freshDatabase } from '../postgres/database.ts';
import { storeContract } from './store-contract.ts';

storeContract(
  'PostgreSQL',
  {
    async open() {
      const url = await freshDatabase();
      return { store: await PostgresStore.open(url), second: () => PostgresStore.open(url) };
    },
  },
  describeWithPostgres,
);

describeWithPostgres('the PostgreSQL store across instances', () => {
  it('lets another instance take over a message whose instance died before answering it, and no other', async () => {
    const url = await freshDatabase();
    const [a, b, c] = await Promise.all([PostgresStore.open(url), PostgresStore.open(url), PostgresStore.open(url)]);
    const limits = { cooldownMs: 0, channelRepliesPerMinute: 100, globalRepliesPerMinute: 100 };
    const speak = (store: PostgresStore, delivery: string) => store.admitReply({ delivery, channel: 'c1', claimId: 'x', at: Date.now(), limits });
    try {
      expect(await speak(a, 'taken-by-a')).toBe('ok');
      expect(await speak(b, 'taken-by-a')).toBe('duplicate');
      await a.close();
      expect(await speak(b, 'taken-by-a')).toBe('taken-over');
      expect(await speak(c, 'taken-by-a')).toBe('duplicate');
    } finally {
      await b.close();
      await c.close();
    }
  });

  it('migrates once when several instances start at the same moment', async () => {
    const url = await freshDatabase();
    const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresStore.open(url)));
    try {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ version: number; n: string }>('SELECT version, COUNT(*) AS n FROM schema_migrations GROUP BY version ORDER BY version');
      await client.end();
      expect(rows.map((r) => [r.version, Number(r.n)])).toEqual([[1, 1], [2, 1], [3, 1]]);
    } finally {
      for (const store of stores) await store.close();
    }
  });
});
