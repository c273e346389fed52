import type { WebClient } from '@slack/web-api';
import type { PostResult } from '../../scheduler/types.ts';
import type { SlackMessage } from './render.ts';

/** Slack errors after which the channel will not take messages until a person acts. */
const GONE = new Set(['channel_not_found', 'is_archived', 'team_not_found', 'account_inactive']);
const FORBIDDEN = new Set([
  'not_in_channel',
  'restricted_action',
  'missing_scope',
  'not_authed',
  'invalid_auth',
  'token_revoked',
]);

/**
 * Posts rendered messages for the scheduler through chat.postMessage. The WebClient itself waits out
 * 429s (Retry-After) and retries; what still fails is typed so the scheduler can pause or retry.
 * Each message carries the idempotency key as message metadata, so a retry after a crash looks for it
 * in the channel's recent history (findPosted) instead of posting twice.
 */
export function createSlackPoster(client: WebClient) {
  return {
    async post(
      channelId: string,
      message: SlackMessage,
      opts: { idempotencyKey: string },
    ): Promise<PostResult> {
      try {
        const res = await client.chat.postMessage({
          channel: channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: 'newsbrief_digest', event_payload: { key: opts.idempotencyKey } },
        });
        return { ok: true, messageId: String(res.ts) };
      } catch (err) {
        return classifySlackError(err);
      }
    },

    /** Looks for the key in the metadata of the channel's recent messages (needs channels:history). */
    async findPosted(channelId: string, idempotencyKey: string): Promise<string | null> {
      const res = await client.conversations.history({
        channel: channelId,
        limit: 50,
        include_all_metadata: true,
      });
      const match = (res.messages ?? []).find(
        (m) =>
          (m.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ===
          idempotencyKey,
      );
      return match?.ts ?? null;
    },
  };
}

export function classifySlackError(err: unknown): Extract<PostResult, { ok: false }> {
  const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; message?: string };
  if (e.code === 'slack_webapi_rate_limited_error') {
    return {
      ok: false,
      failure: 'rate_limited',
      retryAfterMs: (e.retryAfter ?? 1) * 1000,
      detail: 'ratelimited',
    };
  }
  const slackError = e.data?.error;
  if (slackError && GONE.has(slackError)) return { ok: false, failure: 'gone', detail: slackError };
  if (slackError && FORBIDDEN.has(slackError)) return { ok: false, failure: 'forbidden', detail: slackError };
  return { ok: false, failure: 'transient', detail: slackError ?? e.message ?? String(err) };
}
