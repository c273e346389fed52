import type Database from 'better-sqlite3';
import type { Delivery, DeliveryRepo, DeliveryStatus } from '../types.ts';

interface Row {
  id: number;
  subscription_id: number;
  slot: number;
  status: DeliveryStatus;
  claimed_by: string | null;
  lease_until: number | null;
  attempts: number;
  message_ids: string | null;
  last_error: string | null;
  delayed: number;
}

const toDelivery = (r: Row): Delivery => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  slot: new Date(r.slot),
  status: r.status,
  claimedBy: r.claimed_by,
  leaseUntil: r.lease_until === null ? null : new Date(r.lease_until),
  attempts: r.attempts,
  messageIds: r.message_ids ? (JSON.parse(r.message_ids) as string[]) : [],
  lastError: r.last_error,
  delayed: r.delayed === 1,
});

export function createSqliteDeliveryRepo(db: Database.Database): DeliveryRepo {
  const insertClaim = db.prepare(`INSERT INTO deliveries
    (subscription_id, slot, status, claimed_by, lease_until, attempts, delayed, updated_at)
    VALUES (?, ?, 'claimed', ?, ?, 1, ?, ?) ON CONFLICT DO NOTHING`);
  // Only a claim whose lease has run out can be taken over; the WHERE makes it atomic.
  const reclaim =
    db.prepare(`UPDATE deliveries SET claimed_by = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?
    WHERE subscription_id = ? AND slot = ? AND status = 'claimed' AND lease_until <= ?`);
  const find = db.prepare('SELECT * FROM deliveries WHERE subscription_id = ? AND slot = ?');
  const confirm =
    db.prepare(`UPDATE deliveries SET status = ?, message_ids = ?, lease_until = NULL, last_error = NULL, updated_at = ?
    WHERE id = ?`);
  const failFinal = db.prepare(
    `UPDATE deliveries SET status = 'failed', last_error = ?, lease_until = NULL, updated_at = ? WHERE id = ?`,
  );
  const failRetry = db.prepare(
    'UPDATE deliveries SET last_error = ?, lease_until = ?, updated_at = ? WHERE id = ?',
  );
  const skip = db.prepare(`INSERT INTO deliveries (subscription_id, slot, status, last_error, updated_at)
    VALUES (?, ?, 'skipped', ?, ?) ON CONFLICT DO NOTHING`);
  const lastSuccess = db.prepare(
    "SELECT MAX(slot) AS slot FROM deliveries WHERE subscription_id = ? AND status IN ('posted', 'empty')",
  );
  const last = db.prepare('SELECT * FROM deliveries WHERE subscription_id = ? ORDER BY slot DESC LIMIT 1');
  const forSubscription = db.prepare('SELECT * FROM deliveries WHERE subscription_id = ? ORDER BY slot');

  const claimTx = db.transaction(
    (subscriptionId: number, slot: number, by: string, now: number, lease: number, delayed: boolean) => {
      if (insertClaim.run(subscriptionId, slot, by, lease, delayed ? 1 : 0, now).changes === 1) {
        return { claimed: toDelivery(find.get(subscriptionId, slot) as Row) };
      }
      if (reclaim.run(by, lease, now, subscriptionId, slot, now).changes === 1) {
        return { claimed: toDelivery(find.get(subscriptionId, slot) as Row) };
      }
      return { taken: toDelivery(find.get(subscriptionId, slot) as Row) };
    },
  );

  return {
    async claim(subscriptionId, slot, by, now, leaseUntil, delayed) {
      return claimTx.immediate(
        subscriptionId,
        slot.getTime(),
        by,
        now.getTime(),
        leaseUntil.getTime(),
        delayed,
      );
    },
    async confirm(id, status, messageIds, now) {
      confirm.run(status, JSON.stringify(messageIds), now.getTime(), id);
    },
    async fail(id, error, final, now, retryAt) {
      if (final) failFinal.run(error, now.getTime(), id);
      else failRetry.run(error, (retryAt ?? now).getTime(), now.getTime(), id);
    },
    async skip(subscriptionId, slot, reason, now) {
      return skip.run(subscriptionId, slot.getTime(), reason, now.getTime()).changes === 1;
    },
    async lastSuccess(subscriptionId) {
      const { slot } = lastSuccess.get(subscriptionId) as { slot: number | null };
      return slot === null ? null : new Date(slot);
    },
    async last(subscriptionId) {
      const row = last.get(subscriptionId) as Row | undefined;
      return row ? toDelivery(row) : null;
    },
    async forSubscription(subscriptionId) {
      return (forSubscription.all(subscriptionId) as Row[]).map(toDelivery);
    },
  };
}
