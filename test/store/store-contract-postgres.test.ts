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
