import type { PostResult } from '../bots/discord/poster.ts';
import type { Briefing } from '../briefing/types.ts';

export type { PostResult };

/** What the scheduler needs of a platform: render a briefing once, post it to many channels. */
export interface Poster<Message = unknown> {
  render(briefing: Briefing): Message[];
  post(channelId: string, message: Message, opts: { idempotencyKey: string }): Promise<PostResult>;
}

export interface TickReport {
  due: number;
  claimed: number;
  posted: number;
  empty: number;
  failed: number;
  paused: number;
  skipped: number;
  taken: number;
  retried: number;
}
