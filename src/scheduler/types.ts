import type { Briefing } from '../briefing/types.ts';

/** A post's outcome, typed so the scheduler knows whether to confirm, wait, retry or pause. */
export type PostResult =
  | { ok: true; messageId: string }
  | {
      ok: false;
      failure: 'gone' | 'forbidden' | 'rate_limited' | 'transient';
      retryAfterMs?: number;
      detail: string;
    };

/** What the scheduler needs of a platform: render a briefing once, post it to many channels. */
export interface Poster<Message = unknown> {
  render(briefing: Briefing): Message[];
  post(channelId: string, message: Message, opts: { idempotencyKey: string }): Promise<PostResult>;
  /**
   * For platforms without idempotent posting: the id of a message already posted with this key, if
   * any. Asked only when a delivery is retried after its claimer disappeared.
   */
  findPosted?(channelId: string, idempotencyKey: string): Promise<string | null>;
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
