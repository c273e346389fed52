import type { Briefing } from '../briefing/types.ts';
import { describeWindow } from '../briefing/window.ts';

/** Cuts text to at most `max` characters at a word boundary, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(1, max - 1);
  const cut = text.lastIndexOf(' ', room);
  return `${text.slice(0, cut > room * 0.6 ? cut : room).trimEnd()}…`;
}

/** "3h ago", "2d ago", "just now". */
export function relativeTime(when: Date, now: Date): string {
  const minutes = Math.round((now.getTime() - when.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours}h ago`;
  const days = Math.round(hours / 24);
  if (days < 60) return `${days}d ago`;
  return when.toISOString().slice(0, 10);
}

export function briefingTitle(b: Briefing): string {
  return `${b.topic.title} briefing: ${describeWindow(b.window, b.generatedAt)}`;
}

export function emptyText(b: Briefing): string {
  return `No new ${b.topic.title} stories in ${describeWindow(b.window, b.generatedAt)}.`;
}

/** "written by gpt-4o-mini · 12 articles from 5 sources" */
export function footerText(b: Briefing): string {
  const generator =
    b.generator === 'extractive' ? 'extractive summaries' : `written by ${b.generator.slice(4)}`;
  const { articles, sources } = b.stats;
  return `${generator} · ${articles} article${articles === 1 ? '' : 's'} from ${sources} source${sources === 1 ? '' : 's'}`;
}

export function moreText(n: number): string {
  return `…and ${n} more stor${n === 1 ? 'y' : 'ies'}`;
}
