import type { App } from '../app.ts';
import { renderText } from '../bots/console/render.ts';
import { renderDiscord } from '../bots/discord/render.ts';
import { renderSlack } from '../bots/slack/render.ts';
import { buildBriefing } from '../briefing/compose.ts';
import { parseWindow } from '../briefing/window.ts';
import { UserError } from '../errors.ts';
import { printJson } from './format.ts';

const FORMATS = ['text', 'discord', 'slack'] as const;
type Format = (typeof FORMATS)[number];

export async function briefCommand(
  app: App,
  topicQuery: string,
  opts: { since?: string; format?: string; json?: boolean; max?: string },
): Promise<number> {
  const format = (opts.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) {
    throw new UserError('BAD_FORMAT', `unknown format "${opts.format}"`, `use one of: ${FORMATS.join(', ')}`);
  }
  const max = opts.max === undefined ? undefined : Number(opts.max);
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 100)) {
    throw new UserError(
      'BAD_LIMIT',
      `--max must be a whole number from 1 to 100, not "${opts.max}"`,
      'for example --max 10',
    );
  }
  const now = new Date();
  const topic = app.topic(topicQuery);
  const window = parseWindow(opts.since ?? '24h', now);
  const briefing = await buildBriefing(
    app.store,
    { topic, window, now, ...(max ? { maxItems: max } : {}) },
    app.summarizer,
  );
  if (format === 'discord') printJson(renderDiscord(briefing));
  else if (format === 'slack') printJson(renderSlack(briefing));
  else if (opts.json) printJson(briefing);
  else process.stdout.write(renderText(briefing));
  return 0;
}
