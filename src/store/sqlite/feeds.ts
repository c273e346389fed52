import type Database from 'better-sqlite3';
import type { FeedRepo, FeedState } from '../types.ts';

interface Row {
  url: string;
  name: string;
  etag: string | null;
  last_modified: string | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  consecutive_failures: number;
  items_seen: number;
  next_poll_at: number;
  disabled_reason: string | null;
}

const date = (n: number | null) => (n === null ? null : new Date(n));

const toState = (r: Row): FeedState => ({
  url: r.url,
  name: r.name,
  etag: r.etag,
  lastModified: r.last_modified,
  lastSuccessAt: date(r.last_success_at),
  lastError: r.last_error,
  lastErrorAt: date(r.last_error_at),
  consecutiveFailures: r.consecutive_failures,
  itemsSeen: r.items_seen,
  nextPollAt: new Date(r.next_poll_at),
  disabledReason: r.disabled_reason,
});

export function createSqliteFeedRepo(db: Database.Database): FeedRepo {
  const get = db.prepare('SELECT * FROM feeds WHERE url = ?');
  const all = db.prepare('SELECT * FROM feeds ORDER BY name');
  const save =
    db.prepare(`INSERT INTO feeds (url, name, etag, last_modified, last_success_at, last_error, last_error_at,
      consecutive_failures, items_seen, next_poll_at, disabled_reason)
    VALUES (@url, @name, @etag, @lastModified, @lastSuccessAt, @lastError, @lastErrorAt, @consecutiveFailures, @itemsSeen,
      @nextPollAt, @disabledReason)
    ON CONFLICT (url) DO UPDATE SET name = excluded.name, etag = excluded.etag, last_modified = excluded.last_modified,
      last_success_at = excluded.last_success_at, last_error = excluded.last_error, last_error_at = excluded.last_error_at,
      consecutive_failures = excluded.consecutive_failures, items_seen = excluded.items_seen,
      next_poll_at = excluded.next_poll_at, disabled_reason = excluded.disabled_reason`);
  return {
    async get(url) {
      const row = get.get(url) as Row | undefined;
      return row ? toState(row) : null;
    },
    async all() {
      return (all.all() as Row[]).map(toState);
    },
    async save(s) {
      save.run({
        ...s,
        lastSuccessAt: s.lastSuccessAt?.getTime() ?? null,
        lastErrorAt: s.lastErrorAt?.getTime() ?? null,
        nextPollAt: s.nextPollAt.getTime(),
      });
    },
  };
}
