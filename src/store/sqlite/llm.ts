import type Database from 'better-sqlite3';
import type { LlmRepo } from '../types.ts';

export function createSqliteLlmRepo(db: Database.Database): LlmRepo {
  const get = db.prepare('SELECT summary FROM llm_summaries WHERE key = ?');
  const put =
    db.prepare(`INSERT INTO llm_summaries (key, model, prompt_version, summary, created_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (key) DO NOTHING`);
  const used = db.prepare('SELECT tokens FROM llm_usage WHERE day = ?');
  const add = db.prepare(
    'INSERT INTO llm_usage (day, tokens) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET tokens = tokens + excluded.tokens',
  );
  return {
    async getSummary(key) {
      const row = get.get(key) as { summary: string } | undefined;
      return row ? (JSON.parse(row.summary) as string[]) : null;
    },
    async putSummary(key, model, promptVersion, summary) {
      put.run(key, model, promptVersion, JSON.stringify(summary), Date.now());
    },
    async tokensUsed(day) {
      return (used.get(day) as { tokens: number } | undefined)?.tokens ?? 0;
    },
    async addTokens(day, tokens) {
      add.run(day, tokens);
    },
  };
}
