import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import type { Logger } from '../../log.ts';
import type { Store } from '../../store/types.ts';
import type { Cluster } from '../cluster.ts';
import type { Generator, Summarizer } from '../summarize.ts';
import { checkGrounding } from './grounding.ts';
import {
  MAX_REPORTS,
  PROMPT_VERSION,
  type PromptSource,
  REPORT_CHARS,
  SYSTEM_PROMPT,
  userPrompt,
} from './prompt.ts';

export interface LlmOptions {
  apiKey: string;
  model: string;
  baseURL?: string;
  store: Store;
  logger: Logger;
  /** The fallback, and what runs when the model is unavailable or not trusted. */
  fallback: Summarizer;
  /** Tokens the model may spend per UTC day; unset means no limit. */
  dailyTokens?: number;
  timeoutMs?: number;
  maxRetries?: number;
  now?: () => Date;
}

/** Why a story got the extractive summary instead: logged, and counted for operators. */
export type FallbackReason = 'budget' | 'timeout' | 'api_error' | 'malformed' | 'ungrounded';

const MAX_SUMMARY_CHARS = 500;

/** A story's reports in a stable order: originals first, the ones closest to the story's centre first. */
function reportsOf(c: Cluster): PromptSource[] {
  return c.articles
    .filter((a) => !a.duplicateOf)
    .slice(0, MAX_REPORTS)
    .map((a) => ({ source: a.source, title: a.title, text: a.body }));
}

function cacheKey(c: Cluster, model: string): string {
  const hashes = c.articles.map((a) => a.contentHash).sort();
  return createHash('sha256')
    .update(`${model}\n${PROMPT_VERSION}\n${hashes.join('\n')}`)
    .digest('hex');
}

/** Reads {"summary": "...", "sources": [1]} from a reply, tolerating a code fence around it. */
export function parseReply(content: string, reports: number): string[] | null {
  const json = content
    .replace(/^\s*```(?:json)?\s*/i, '')
    .replace(/\s*```\s*$/, '')
    .trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  const { summary, sources } = (parsed ?? {}) as { summary?: unknown; sources?: unknown };
  if (typeof summary !== 'string' || !summary.trim() || summary.length > MAX_SUMMARY_CHARS) return null;
  if (
    !Array.isArray(sources) ||
    sources.length === 0 ||
    !sources.every((n) => Number.isInteger(n) && n >= 1 && n <= reports)
  ) {
    return null;
  }
  const sentences = summary.trim().split(/(?<=[.!?])\s+(?=[A-Z“"])/);
  return sentences.length >= 1 && sentences.length <= 3 ? sentences : null;
}

/**
 * Story summaries written by a model through any OpenAI-compatible API: one request per story, cached
 * by (story content, model, prompt version), within a daily token budget, and checked against the
 * sources before use. Anything that fails falls back to the extractive summary for that story.
 */
export function createLlmSummarizer(
  o: LlmOptions,
): Summarizer & { fallbacks: Record<FallbackReason, number> } {
  const client = new OpenAI({
    apiKey: o.apiKey,
    ...(o.baseURL ? { baseURL: o.baseURL } : {}),
    timeout: o.timeoutMs ?? 10_000,
    maxRetries: o.maxRetries ?? 2,
  });
  const generator: Generator = `llm:${o.model}`;
  const fallbacks: Record<FallbackReason, number> = {
    budget: 0,
    timeout: 0,
    api_error: 0,
    malformed: 0,
    ungrounded: 0,
  };
  const now = o.now ?? (() => new Date());
  const fallBack = (reason: FallbackReason, detail: Record<string, unknown>) => {
    fallbacks[reason]++;
    o.logger.warn({ reason, model: o.model, ...detail }, 'LLM summary not used; extractive summary instead');
  };

  async function summarizeOne(c: Cluster): Promise<string[] | null> {
    const key = cacheKey(c, o.model);
    const cached = await o.store.llm.getSummary(key);
    if (cached) return cached;
    const day = now().toISOString().slice(0, 10);
    if (o.dailyTokens !== undefined && (await o.store.llm.tokensUsed(day)) >= o.dailyTokens) {
      fallBack('budget', { day, dailyTokens: o.dailyTokens });
      return null;
    }
    const reports = reportsOf(c);
    let content: string;
    try {
      const res = await client.chat.completions.create({
        model: o.model,
        temperature: 0,
        max_tokens: 220,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: userPrompt(reports) },
        ],
      });
      await o.store.llm.addTokens(day, res.usage?.total_tokens ?? 0);
      content = res.choices[0]?.message?.content ?? '';
    } catch (err) {
      const timeout = err instanceof OpenAI.APIConnectionTimeoutError;
      fallBack(timeout ? 'timeout' : 'api_error', { error: (err as Error).message });
      return null;
    }
    const sentences = parseReply(content, reports.length);
    if (!sentences) {
      fallBack('malformed', { reply: content.slice(0, 200) });
      return null;
    }
    const grounding = checkGrounding(
      sentences.join(' '),
      reports.map((r) => `${r.title}\n${r.text.slice(0, REPORT_CHARS)}`).join('\n'),
    );
    if (!grounding.ok) {
      fallBack('ungrounded', { problems: grounding.problems });
      return null;
    }
    await o.store.llm.putSummary(key, o.model, PROMPT_VERSION, sentences);
    return sentences;
  }

  return {
    generator,
    fallbacks,
    async summarize(stories, ctx) {
      const extractive = await o.fallback.summarize(stories, ctx);
      const written = await Promise.all(stories.map((c) => summarizeOne(c)));
      const summaries = stories.map((_, i) => written[i] ?? extractive.summaries[i] ?? []);
      // The footer names the model only when it wrote at least one of the summaries shown.
      return { summaries, generator: written.some(Boolean) ? generator : 'extractive' };
    },
  };
}
