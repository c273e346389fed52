import type { Briefing } from '../../briefing/types.ts';
import { briefingTitle, emptyText, footerText, moreText, relativeTime } from '../render-common.ts';

/** Plain text for the console and the CLI. */
export function renderText(b: Briefing): string {
  const lines = [briefingTitle(b), ''];
  if (b.items.length === 0) return `${emptyText(b)}\n`;
  b.items.forEach((item, i) => {
    const marker = item.status === 'updated' ? ' (updated)' : '';
    lines.push(`${i + 1}. ${item.headline}${marker}`);
    for (const s of item.summary) lines.push(`   ${s}`);
    const sources = item.sources.map(
      (s) => `${s.source}, ${relativeTime(s.publishedAt, b.generatedAt)}${s.url ? ` <${s.url}>` : ''}`,
    );
    lines.push(`   Sources: ${sources.join(' · ')}`, '');
  });
  if (b.moreStories > 0) lines.push(moreText(b.moreStories), '');
  lines.push(footerText(b));
  return `${lines.join('\n')}\n`;
}
