import type { BriefingBuilder } from '../../briefing/cache.ts';
import type { Summarizer } from '../../briefing/summarize.ts';
import type { Briefing } from '../../briefing/types.ts';
import type { FeedSource, TopicDefinition } from '../../config/schema.ts';
import type { Platform, Store } from '../../store/types.ts';

/** Who asks, where: what an adapter knows about the person and the channel. */
export interface CommandContext {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  userId: string;
  /** Whether the user may manage this channel's subscriptions (Discord: Manage Channels). */
  canManageChannel: boolean;
  now: Date;
  /** The platform's check that the bot can post here: null when it can, else what is missing and how to fix it. */
  checkPostingAccess?: () => Promise<string | null>;
}

export type Reply =
  | { kind: 'briefing'; briefing: Briefing; ephemeral: boolean }
  | { kind: 'text'; text: string; ephemeral: boolean }
  | { kind: 'error'; code: string; message: string; hint?: string };

export interface OptionSpec {
  name: string;
  description: string;
  required: boolean;
  /** Offer the configured topics as the user types (Discord autocomplete). */
  autocomplete?: 'topic';
  /** Takes the rest of the text (free text such as a search query). */
  rest?: boolean;
}

export interface CommandDeps {
  store: Store;
  topics: TopicDefinition[];
  summarizer: Summarizer;
  /** Builds briefings (cached in the app); when absent, each request builds its own. */
  briefings?: BriefingBuilder;
  defaults: { timezone: string; time: string };
  /** The root command's name, for messages (`/news`). */
  rootName: string;
  /** Configured feeds, for `sources`. */
  feeds?: FeedSource[];
}

export type Args = Record<string, string | undefined>;

/** One subcommand: its options declared once, and a handler that returns a platform-neutral reply. */
export interface Command {
  name: string;
  description: string;
  options: OptionSpec[];
  /** May take longer than a second: adapters acknowledge first (Discord defers, Slack acks). */
  slow?: boolean;
  handle(ctx: CommandContext, args: Args, deps: CommandDeps): Promise<Reply>;
}
