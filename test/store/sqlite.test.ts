import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/store/sqlite/index.ts';
import { migrations } from '../../src/store/sqlite/migrations.ts';
import { memoryStore, tempDir } from '../helpers.ts';
import { article, storeContract } from './contract.ts';

storeContract('sqlite', async () => memoryStore());

describe('SQLite specifics', () => {
  it('uses WAL, applies migrations once, and keeps data across reopen', async () => {
    const path = join(tempDir(), 'nested', 'newsbrief.db');
    const first = createSqliteStore({ path });
    await first.articles.upsertBatch([article({ title: 'Persisted', body: 'Survives a restart.' })]);
    await first.close();
    const second = createSqliteStore({ path });
    expect(await second.articles.count()).toBe(1);
    await second.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual(
      migrations.map((m) => ({ version: m.version })),
    );
    db.close();
  });

  it('refuses a database from a newer version instead of damaging it', async () => {
    const path = join(tempDir(), 'future.db');
    await createSqliteStore({ path }).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x')").run();
    db.close();
    expect(() => createSqliteStore({ path })).toThrow(/schema version 999/);
  });
});
