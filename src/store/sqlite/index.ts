import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../errors.ts';
import type { Store } from '../types.ts';
import { createSqliteArticleRepo } from './articles.ts';
import { createSqliteDeliveryRepo } from './deliveries.ts';
import { createSqliteFeedRepo } from './feeds.ts';
import { createSqliteLlmRepo } from './llm.ts';
import { migrate } from './migrations.ts';
import { createSqliteSubscriptionRepo } from './subscriptions.ts';

export interface SqliteStoreOptions {
  /** File path, or ':memory:' for a throwaway database. */
  path: string;
}

/** Opens (creating if needed) the SQLite database, applies pending migrations and returns the Store. */
export function createSqliteStore(opts: SqliteStoreOptions): Store {
  if (opts.path !== ':memory:') mkdirSync(dirname(opts.path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(opts.path);
  } catch (err) {
    throw new StoreError(
      'STORE_OPEN_FAILED',
      `cannot open the database at ${opts.path}: ${(err as Error).message}`,
      'check NEWSBRIEF_DB and that its folder is writable',
    );
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // A larger page cache keeps the indexes' hot pages in memory during bulk ingest (64 MiB).
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 10000');
  migrate(db);
  return {
    backend: 'sqlite',
    articles: createSqliteArticleRepo(db),
    subscriptions: createSqliteSubscriptionRepo(db),
    deliveries: createSqliteDeliveryRepo(db),
    llm: createSqliteLlmRepo(db),
    feeds: createSqliteFeedRepo(db),
    async close() {
      if (db.open) db.close();
    },
  };
}
