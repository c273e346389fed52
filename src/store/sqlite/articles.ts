import type Database from 'better-sqlite3';
import { bandKeys } from '../../text/minhash.ts';
import { parseSearchText, toFtsQuery } from '../fts-query.ts';
import { snippetFor } from '../snippet.ts';
import type {
  ArticleQuery,
  ArticleRepo,
  NewArticle,
  SearchHit,
  SearchQuery,
  StoredArticle,
  TopicTag,
  UpsertOutcome,
  UpsertResult,
} from '../types.ts';
import { LshIndex } from './lsh-index.ts';

interface ArticleRow {
  rowid: number;
  id: string;
  source: string;
  url: string | null;
  title: string;
  body: string;
  published_at: number;
  ingested_at: number;
  content_hash: string;
  duplicate_of: string | null;
}

const COLUMNS =
  'a.rowid, a.id, a.source, a.url, a.title, a.body, a.published_at, a.ingested_at, a.content_hash, a.duplicate_of';

const COUNT_MATCHES = 'SELECT COUNT(*) AS n FROM articles_fts WHERE articles_fts MATCH ?';

function toSignatureBlob(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

export function createSqliteArticleRepo(db: Database.Database): ArticleRepo {
  const statements = new Map<string, Database.Statement>();
  const stmt = (sql: string): Database.Statement => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };

  // An article with a url has the url's hash as its id, so the id index finds it; no url index needed.
  const byId = db.prepare('SELECT rowid, id, url, content_hash, duplicate_of FROM articles WHERE id = ?');
  const byHash = db.prepare('SELECT id FROM articles WHERE content_hash = ? LIMIT 1');
  const lsh = new LshIndex(db, bandKeys);
  const insertArticle = db.prepare(`INSERT INTO articles
    (id, source, url, title, body, teaser, published_at, ingested_at, updated_at, content_hash, signature, duplicate_of)
    VALUES (@id, @source, @url, @title, @body, @teaser, @publishedAt, @now, @now, @contentHash, @signature, @duplicateOf)`);
  const updateArticle = db.prepare(`UPDATE articles SET source = @source, title = @title, body = @body,
    published_at = @publishedAt, updated_at = @now, content_hash = @contentHash, signature = @signature
    WHERE rowid = @rowid`);
  const indexArticle = db.prepare('INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)');
  const insertTag = db.prepare(
    'INSERT INTO article_topics (article_rowid, topic_id, score, published_at, is_duplicate) VALUES (?, ?, ?, ?, ?)',
  );
  const deleteTags = db.prepare('DELETE FROM article_topics WHERE article_rowid = ?');
  const tagsFor = db.prepare(
    'SELECT article_rowid AS r, topic_id AS t, score AS s FROM article_topics WHERE article_rowid IN (SELECT value FROM json_each(?)) ORDER BY score DESC',
  );
  const rowidById = db.prepare('SELECT rowid, published_at, duplicate_of FROM articles WHERE id = ?');

  function writeTags(
    rowid: number,
    tags: TopicTag[],
    publishedAt: number,
    isDuplicate: boolean,
    replace = true,
  ): void {
    if (replace) deleteTags.run(rowid);
    for (const t of tags) insertTag.run(rowid, t.topicId, t.score, publishedAt, isDuplicate ? 1 : 0);
  }

  // Writes made through this connection; new rows from other processes show in MAX(rowid).
  let writes = 0;
  const upsertTx = db.transaction((articles: NewArticle[]): UpsertResult => {
    writes++;
    const now = Date.now();
    const counts: Record<UpsertOutcome, number> = {
      stored: 0,
      updated: 0,
      unchanged: 0,
      duplicate: 0,
      near_duplicate: 0,
    };
    const outcomes: UpsertResult['outcomes'] = [];
    const record = (id: string, outcome: UpsertOutcome, duplicateOf?: string) => {
      counts[outcome]++;
      outcomes.push(duplicateOf ? { id, outcome, duplicateOf } : { id, outcome });
    };
    for (const a of articles) {
      const row = {
        ...a,
        url: a.url ?? null,
        teaser: a.teaser ?? null,
        publishedAt: a.publishedAt.getTime(),
        signature: toSignatureBlob(a.signature),
        now,
      };
      const found = a.url
        ? (byId.get(a.id) as
            | {
                rowid: number;
                id: string;
                url: string | null;
                content_hash: string;
                duplicate_of: string | null;
              }
            | undefined)
        : undefined;
      const existing = found?.url === a.url ? found : undefined;
      if (existing) {
        if (existing.content_hash === a.contentHash) {
          record(existing.id, 'unchanged');
          continue;
        }
        updateArticle.run({ ...row, rowid: existing.rowid });
        lsh.add(existing.rowid, {
          id: existing.id,
          signature: a.signature,
          duplicateOf: existing.duplicate_of,
        });
        writeTags(existing.rowid, a.tags, row.publishedAt, false);
        record(existing.id, 'updated');
        continue;
      }
      const same = byHash.get(a.contentHash) as { id: string } | undefined;
      if (same) {
        record(same.id, 'duplicate', same.id);
        continue;
      }
      const keys = bandKeys(a.signature);
      const duplicateOf = lsh.findOriginal(a.signature, keys);
      const info = insertArticle.run({ ...row, duplicateOf });
      const rowid = Number(info.lastInsertRowid);
      indexArticle.run(rowid, a.title, a.body);
      lsh.add(rowid, { id: a.id, signature: a.signature, duplicateOf });
      writeTags(rowid, a.tags, row.publishedAt, duplicateOf !== null, false);
      if (duplicateOf) record(a.id, 'near_duplicate', duplicateOf);
      else record(a.id, 'stored');
    }
    return { outcomes, counts };
  });

  function hydrate(rows: ArticleRow[]): StoredArticle[] {
    if (rows.length === 0) return [];
    const tags = new Map<number, TopicTag[]>();
    for (const t of tagsFor.all(JSON.stringify(rows.map((r) => r.rowid))) as {
      r: number;
      t: string;
      s: number;
    }[]) {
      const list = tags.get(t.r) ?? [];
      list.push({ topicId: t.t, score: t.s });
      tags.set(t.r, list);
    }
    return rows.map((r) => ({
      id: r.id,
      source: r.source,
      url: r.url,
      title: r.title,
      body: r.body,
      publishedAt: new Date(r.published_at),
      ingestedAt: new Date(r.ingested_at),
      contentHash: r.content_hash,
      duplicateOf: r.duplicate_of,
      tags: tags.get(r.rowid) ?? [],
    }));
  }

  function windowClause(q: ArticleQuery, column: string, params: unknown[]): string {
    let sql = '';
    if (q.since) {
      sql += ` AND ${column} >= ?`;
      params.push(q.since.getTime());
    }
    if (q.until) {
      sql += ` AND ${column} < ?`;
      params.push(q.until.getTime());
    }
    return sql;
  }

  return {
    async upsertBatch(articles) {
      try {
        // IMMEDIATE takes the write lock first, so no other process writes between catch-up and insert.
        return upsertTx.immediate(articles);
      } catch (err) {
        lsh.reset(); // it may hold rows that were rolled back
        throw err;
      }
    },

    async get(id) {
      return (
        hydrate(stmt(`SELECT ${COLUMNS} FROM articles a WHERE a.id = ?`).all(id) as ArticleRow[])[0] ?? null
      );
    },

    async list(q) {
      const params: unknown[] = [];
      let sql: string;
      const columns =
        q.bodyMaxChars === undefined
          ? COLUMNS
          : COLUMNS.replace(
              'a.body',
              `substr(a.body, 1, ${Math.max(0, Math.floor(q.bodyMaxChars))}) AS body`,
            );
      if (q.topicId) {
        params.push(q.topicId);
        sql = `SELECT ${columns} FROM article_topics t JOIN articles a ON a.rowid = t.article_rowid
          WHERE t.topic_id = ?${windowClause(q, 't.published_at', params)}${q.includeDuplicates ? '' : ' AND t.is_duplicate = 0'}
          ORDER BY t.published_at DESC, a.rowid DESC`;
      } else {
        sql = `SELECT ${columns} FROM articles a WHERE 1 = 1${windowClause(q, 'a.published_at', params)}${
          q.includeDuplicates ? '' : ' AND a.duplicate_of IS NULL'
        } ORDER BY a.published_at DESC, a.rowid DESC`;
      }
      sql += ' LIMIT ?';
      params.push(q.limit ?? -1);
      return hydrate(stmt(sql).all(...params) as ArticleRow[]);
    },

    async search(q: SearchQuery): Promise<SearchHit[]> {
      const parsed = parseSearchText(q.text);
      const match = toFtsQuery(q.text);
      if (!match) return [];
      const limit = q.limit ?? 10;
      // Rank inside FTS5 (its configured bm25 weights title 4x body) and join only the best few;
      // copies and other topics are filtered after, so ask for more than needed, widening if short.
      for (let inner = limit * 4 + 20; ; inner *= 8) {
        const params: unknown[] = [match, inner];
        let sql = `SELECT ${COLUMNS}, f.rank AS rank FROM
            (SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?) f
          JOIN articles a ON a.rowid = f.rowid WHERE a.duplicate_of IS NULL`;
        if (q.topicId) {
          sql +=
            ' AND EXISTS (SELECT 1 FROM article_topics t WHERE t.article_rowid = a.rowid AND t.topic_id = ?)';
          params.push(q.topicId);
        }
        sql += ' ORDER BY f.rank LIMIT ?';
        params.push(limit);
        const rows = stmt(sql).all(...params) as (ArticleRow & { rank: number })[];
        if (rows.length >= limit || inner >= (stmt(COUNT_MATCHES).get(match) as { n: number }).n) {
          const articles = hydrate(rows);
          return rows.map((r, i) => {
            const article = articles[i] as StoredArticle;
            return { article, rank: r.rank, snippet: snippetFor(article.body || article.title, parsed) };
          });
        }
      }
    },

    async count(opts) {
      const sql = opts?.includeDuplicates
        ? 'SELECT COUNT(*) AS n FROM articles'
        : 'SELECT COUNT(*) AS n FROM articles WHERE duplicate_of IS NULL';
      return (stmt(sql).get() as { n: number }).n;
    },

    async topicCounts() {
      const rows = stmt(
        'SELECT topic_id AS t, COUNT(*) AS n FROM article_topics WHERE is_duplicate = 0 GROUP BY topic_id',
      ).all() as { t: string; n: number }[];
      return new Map(rows.map((r) => [r.t, r.n]));
    },

    async forEachPage(pageSize, visit) {
      let after = 0;
      const page = stmt(`SELECT ${COLUMNS} FROM articles a WHERE a.rowid > ? ORDER BY a.rowid LIMIT ?`);
      for (;;) {
        const rows = page.all(after, pageSize) as ArticleRow[];
        if (rows.length === 0) return;
        after = rows.at(-1)?.rowid ?? after;
        await visit(hydrate(rows));
      }
    },

    async revision() {
      const { r } = stmt('SELECT MAX(rowid) AS r FROM articles').get() as { r: number | null };
      return `${r ?? 0}:${writes}`;
    },

    async replaceTags(items) {
      writes++;
      db.transaction(() => {
        for (const item of items) {
          const row = rowidById.get(item.articleId) as
            | { rowid: number; published_at: number; duplicate_of: string | null }
            | undefined;
          if (row) writeTags(row.rowid, item.tags, row.published_at, row.duplicate_of !== null);
        }
      })();
    },
  };
}
