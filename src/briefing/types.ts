/** A Briefing is plain data: no platform types. Each adapter renders it within its platform's limits. */

export interface SourceRef {
  title: string;
  url?: string;
  source: string;
  publishedAt: Date;
}

export interface BriefingItem {
  headline: string;
  summary: string[];
  sources: SourceRef[];
  articleIds: string[];
  firstSeen: Date;
  lastUpdated: Date;
  status: 'new' | 'updated';
}

export interface Briefing {
  topic: { id: string; title: string };
  window: { from: Date; to: Date };
  generatedAt: Date;
  generator: 'extractive' | `llm:${string}`;
  items: BriefingItem[];
  stats: { articles: number; sources: number; stories: number };
  /** Stories found in the window beyond the ones kept (after ranking). */
  moreStories: number;
  /** The briefing this one follows, when it only reports what is new since then. */
  since?: Date;
}
