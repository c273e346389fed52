import type Database from 'better-sqlite3';
import type { Platform, Subscription, SubscriptionRepo } from '../types.ts';

interface Row {
  id: number;
  platform: Platform;
  workspace_id: string;
  channel_id: string;
  topic_id: string;
  time: string;
  timezone: string;
  created_by: string;
  created_at: number;
  paused: number;
  pause_reason: string | null;
  post_empty: number;
}

const toSubscription = (r: Row): Subscription => ({
  id: r.id,
  platform: r.platform,
  workspaceId: r.workspace_id,
  channelId: r.channel_id,
  topicId: r.topic_id,
  time: r.time,
  timezone: r.timezone,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  paused: r.paused === 1,
  pauseReason: r.pause_reason,
  postEmpty: r.post_empty === 1,
});

export function createSqliteSubscriptionRepo(db: Database.Database): SubscriptionRepo {
  const insert = db.prepare(`INSERT INTO subscriptions
    (platform, workspace_id, channel_id, topic_id, time, timezone, created_by, created_at, post_empty)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const find = db.prepare(
    'SELECT * FROM subscriptions WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND topic_id = ?',
  );
  const byId = db.prepare('SELECT * FROM subscriptions WHERE id = ?');
  const forChannel = db.prepare(
    'SELECT * FROM subscriptions WHERE platform = ? AND workspace_id = ? AND channel_id = ? ORDER BY topic_id',
  );
  const remove = db.prepare(
    'DELETE FROM subscriptions WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND topic_id = ?',
  );
  const all = db.prepare('SELECT * FROM subscriptions ORDER BY id');
  const pause = db.prepare('UPDATE subscriptions SET paused = 1, pause_reason = ? WHERE id = ?');
  const resume = db.prepare(
    'UPDATE subscriptions SET paused = 0, pause_reason = NULL, time = ?, timezone = ? WHERE id = ?',
  );

  return {
    async add(s) {
      const key = [s.platform, s.workspaceId, s.channelId, s.topicId];
      const info = insert.run(
        ...key,
        s.time,
        s.timezone,
        s.createdBy,
        (s.createdAt ?? new Date()).getTime(),
        s.postEmpty ? 1 : 0,
      );
      const row = toSubscription(find.get(...key) as Row);
      return info.changes === 1 ? { created: row } : { existing: row };
    },
    async resume(id, changes) {
      resume.run(changes.time, changes.timezone, id);
      return toSubscription(byId.get(id) as Row);
    },
    async remove(c, topicId) {
      return remove.run(c.platform, c.workspaceId, c.channelId, topicId).changes > 0;
    },
    async forChannel(c) {
      return (forChannel.all(c.platform, c.workspaceId, c.channelId) as Row[]).map(toSubscription);
    },
    async all() {
      return (all.all() as Row[]).map(toSubscription);
    },
    async pause(id, reason) {
      pause.run(reason, id);
    },
  };
}
