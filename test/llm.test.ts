import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../src/bots/console/render.ts';
import { buildBriefing } from '../src/briefing/compose.ts';
import { checkGrounding } from '../src/briefing/llm/grounding.ts';
import { createLlmSummarizer, type LlmOptions } from '../src/briefing/llm/summarizer.ts';
import { createExtractiveSummarizer } from '../src/briefing/summarize.ts';
import { parseWindow } from '../src/briefing/window.ts';
import type { Store } from '../src/store/types.ts';
import { FakeOpenAI } from './fakes/openai.ts';
import { config, memoryStore } from './helpers.ts';
import { article } from './store/contract.ts';

const NOW = new Date('2024-08-13T12:00:00Z');
const topic =
  config.topics.find((t) => t.id === 'iraq-turkiye') ?? (config.topics[0] as (typeof config.topics)[number]);
const window = parseWindow('24h', NOW);

const PIPELINE_BODY =
  'Crude from northern Iraq began flowing through the Kirkuk–Ceyhan pipeline to Türkiye on Saturday, ending a halt that began in March 2023.\n\nThe line could carry about 185,000 barrels a day, Turkish officials in Ankara said.';
const GOOD = JSON.stringify({
  summary:
    'Oil from northern Iraq began flowing through the Kirkuk–Ceyhan pipeline to Türkiye on Saturday, ending a halt that began in March 2023. Turkish officials said it could carry about 185,000 barrels a day.',
  sources: [1],
});

let fake: FakeOpenAI;
let store: Store;
const warnings: Record<string, unknown>[] = [];
const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });

beforeAll(async () => {
  fake = await new FakeOpenAI().start();
});
afterAll(() => fake.stop());
beforeEach(async () => {
  fake.requests.length = 0;
  fake.script = [];
  warnings.length = 0;
  store = memoryStore();
  await store.articles.upsertBatch([
    article(
      { title: 'Iraq–Türkiye Oil Pipeline Restarts', body: PIPELINE_BODY, source: 'Anatolia Desk' },
      new Date(NOW.getTime() - 3_600_000),
    ),
  ]);
});

function summarizer(over: Partial<LlmOptions> = {}) {
  return createLlmSummarizer({
    apiKey: 'sk-test',
    model: 'test-model',
    baseURL: fake.baseURL,
    store,
    logger,
    fallback: createExtractiveSummarizer(),
    timeoutMs: 2000,
    maxRetries: 2,
    now: () => NOW,
    ...over,
  });
}

const brief = (s: ReturnType<typeof summarizer>) => buildBriefing(store, { topic, window, now: NOW }, s);

describe('LLM summaries through the openai SDK', () => {
  it('uses a grounded answer, says which model wrote it, and sends the sources in the prompt', async () => {
    fake.script = [{ content: GOOD }];
    const b = await brief(summarizer());
    expect(b.generator).toBe('llm:test-model');
    expect(b.items[0]?.summary).toEqual([
      'Oil from northern Iraq began flowing through the Kirkuk–Ceyhan pipeline to Türkiye on Saturday, ending a halt that began in March 2023.',
      'Turkish officials said it could carry about 185,000 barrels a day.',
    ]);
    expect(renderText(b)).toMatch(/written by test-model · 1 article from 1 source/);
    const req = fake.requests[0]?.body;
    expect(req?.model).toBe('test-model');
    expect(req?.messages[1]?.content).toMatch(
      /^\[1\] Anatolia Desk: Iraq–Türkiye Oil Pipeline Restarts\nCrude from northern Iraq/,
    );
  });

  it('falls back to the extractive summary when the answer is too slow', async () => {
    fake.script = [{ content: GOOD, delayMs: 1500 }];
    const s = summarizer({ timeoutMs: 300, maxRetries: 0 });
    const b = await brief(s);
    expect(b.generator).toBe('extractive');
    expect(b.items[0]?.summary[0]).toBe(PIPELINE_BODY.split('\n\n')[0]);
    expect(s.fallbacks.timeout).toBe(1);
  });

  it('retries 429 and 500 a bounded number of times, then falls back', async () => {
    fake.script = [
      { status: 429, headers: { 'retry-after-ms': '10' } },
      { status: 500 },
      { status: 500 },
      { content: GOOD },
    ];
    const s = summarizer({ maxRetries: 2 });
    const b = await brief(s);
    expect(fake.requests).toHaveLength(3);
    expect(b.generator).toBe('extractive');
    expect(s.fallbacks.api_error).toBe(1);
    // A single 429 is retried and then succeeds.
    fake.requests.length = 0;
    fake.script = [{ status: 429, headers: { 'retry-after-ms': '10' } }, { content: GOOD }];
    expect((await brief(summarizer())).generator).toBe('llm:test-model');
    expect(fake.requests).toHaveLength(2);
  });

  it('falls back on malformed output', async () => {
    for (const content of [
      'Sure! Here is a summary: the pipeline restarted.',
      '{"summary": 42}',
      '{"summary": "Flows resumed.", "sources": [7]}',
    ]) {
      fake.script = [{ content }];
      const s = summarizer();
      expect((await brief(s)).generator).toBe('extractive');
      expect(s.fallbacks.malformed).toBe(1);
    }
  });

  it('rejects a summary with an invented number or name, logs why, and uses the extractive one', async () => {
    const invented = JSON.stringify({
      summary:
        'Flows through the Kirkuk–Ceyhan pipeline resumed at 450,000 barrels a day, President Biden said.',
      sources: [1],
    });
    fake.script = [{ content: invented }];
    const s = summarizer();
    const b = await brief(s);
    expect(b.generator).toBe('extractive');
    expect(b.items[0]?.summary.join(' ')).not.toContain('450,000');
    expect(s.fallbacks.ungrounded).toBe(1);
    const warning = warnings.find((w) => w.reason === 'ungrounded');
    expect(warning?.problems).toEqual([
      'number 450000 is not in the sources',
      'name "President" is not in the sources',
      'name "Biden" is not in the sources',
    ]);
  });

  it('serves a second request for the same story from the cache, with no model call', async () => {
    fake.script = [{ content: GOOD }];
    await brief(summarizer());
    expect(fake.requests).toHaveLength(1);
    const again = await brief(summarizer());
    expect(fake.requests).toHaveLength(1);
    expect(again.generator).toBe('llm:test-model');
    expect(again.items[0]?.summary[1]).toBe(
      'Turkish officials said it could carry about 185,000 barrels a day.',
    );
  });

  it('stops calling the model when the daily token budget is spent, and the briefing says extractive', async () => {
    await store.llm.addTokens('2024-08-13', 1000);
    const s = summarizer({ dailyTokens: 1000 });
    const b = await brief(s);
    expect(fake.requests).toHaveLength(0);
    expect(b.generator).toBe('extractive');
    expect(renderText(b)).toMatch(/extractive summaries · 1 article/);
    expect(s.fallbacks.budget).toBe(1);
    // The next day has a fresh budget.
    fake.script = [{ content: GOOD, tokens: 300 }];
    const tomorrow = summarizer({ dailyTokens: 1000, now: () => new Date('2024-08-14T01:00:00Z') });
    expect((await brief(tomorrow)).generator).toBe('llm:test-model');
    expect(await store.llm.tokensUsed('2024-08-14')).toBe(300);
  });
});

describe('grounding check', () => {
  const sources =
    'Iraqi Prime Minister Mohammed Shia al-Sudani met Turkish officials in Baghdad on Monday as flows resumed. "We want calm borders," he said. Trade reached 19.9 billion dollars, or 19,900 million.';
  it.each([
    ['Al-Sudani met Turkish officials in Baghdad on Monday.', true],
    ['Trade reached 19.9 billion dollars.', true],
    ['Trade reached 19,900 million dollars.', true],
    ['The prime minister said: "We want calm borders."', true],
    ['Al-Sudani met Turkish officials in Ankara on Monday.', false],
    ['They met on Tuesday.', false],
    ['Trade reached 20 billion dollars.', false],
    ['He said: "We want open borders."', false],
    ['Flows resumed in Baghdad.', true],
    ['Erdogan met al-Sudani in Baghdad.', false],
  ])('%s → %s', (summary, ok) => {
    expect(checkGrounding(summary, sources).ok).toBe(ok);
  });
});
