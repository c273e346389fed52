import type Database from 'better-sqlite3';
import { StoreError } from '../errors.ts';

/** Forward-only, additive migrations. A released migration is never edited; add a new one. */
export const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'articles, topic tags, full-text index',
    sql: `
      CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        ingested_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        signature BLOB NOT NULL,
        duplicate_of TEXT
      );
      CREATE INDEX articles_content_hash ON articles(content_hash);
      CREATE INDEX articles_published ON articles(published_at);
      CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;

      CREATE TABLE article_topics (
        article_rowid INTEGER NOT NULL,
        topic_id TEXT NOT NULL,
        score REAL NOT NULL,
        published_at INTEGER NOT NULL,
        is_duplicate INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (article_rowid, topic_id)
      ) WITHOUT ROWID;
      CREATE INDEX article_topics_by_topic ON article_topics(topic_id, published_at);

      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
      );
      -- No insert trigger: the store writes new rows to the index itself, because FTS5 fed from a
      -- trigger flushes its buffer per row and ingests about three times slower.
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
      END;
    `,
  },
  {
    version: 2,
    name: 'subscriptions',
    sql: `
      CREATE TABLE subscriptions (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        workspace_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        topic_id TEXT NOT NULL,
        time TEXT NOT NULL,
        timezone TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        paused INTEGER NOT NULL DEFAULT 0,
        pause_reason TEXT,
        UNIQUE (platform, workspace_id, channel_id, topic_id)
      );
    `,
  },
  {
    version: 3,
    name: 'full-text rank: title counts four times the body',
    sql: `INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');`,
  },
  {
    version: 4,
    name: 'delivery ledger; subscriptions may ask for "nothing new" messages',
    sql: `
      ALTER TABLE subscriptions ADD COLUMN post_empty INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        subscription_id INTEGER NOT NULL,
        slot INTEGER NOT NULL,
        status TEXT NOT NULL,
        claimed_by TEXT,
        lease_until INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        message_ids TEXT,
        last_error TEXT,
        delayed INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL,
        UNIQUE (subscription_id, slot)
      );
      CREATE INDEX deliveries_by_status ON deliveries(status, lease_until);
    `,
  },
  {
    version: 5,
    name: 'LLM summary cache and daily token usage',
    sql: `
      CREATE TABLE llm_summaries (
        key TEXT PRIMARY KEY,
        model TEXT NOT NULL,
        prompt_version TEXT NOT NULL,
        summary TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE llm_usage (day TEXT PRIMARY KEY, tokens INTEGER NOT NULL);
    `,
  },
  {
    version: 6,
    name: 'feed polling state; the teaser beside an article fetched in full',
    sql: `
      ALTER TABLE articles ADD COLUMN teaser TEXT;
      CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_success_at INTEGER,
        last_error TEXT,
        last_error_at INTEGER,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        items_seen INTEGER NOT NULL DEFAULT 0,
        next_poll_at INTEGER NOT NULL DEFAULT 0,
        disabled_reason TEXT
      );
    `,
  },
];

/** Applies every pending migration, each in its own transaction. Returns the versions applied. */
export function migrate(db: Database.Database): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const current =
    (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new StoreError(
      'STORE_SCHEMA_TOO_NEW',
      `the database is at schema version ${current}, newer than this newsbrief knows (${latest})`,
      'upgrade newsbrief, or point NEWSBRIEF_DB at another file',
    );
  }
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    })();
    applied.push(m.version);
  }
  return applied;
}
