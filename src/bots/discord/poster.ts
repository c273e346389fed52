import { createHash } from 'node:crypto';
import { DiscordAPIError, RateLimitError, type REST, Routes } from 'discord.js';
import type { PostResult } from '../../scheduler/types.ts';
import type { DiscordMessage } from './render.ts';

/** Discord's JSON error codes that mean the channel will not take messages again without a person acting. */
const GONE = new Set([10003, 10004]); // unknown channel, unknown guild
const FORBIDDEN = new Set([50001, 50013, 50007]); // missing access, missing permissions, cannot message user

/** Discord nonces are at most 25 characters: a hash of the idempotency key. */
export function nonceFor(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 25);
}

/**
 * Posts rendered messages for the scheduler. `enforce_nonce` makes Discord return the message already
 * created with the same nonce (within minutes) instead of posting it twice after a retry.
 */
export function createDiscordPoster(rest: REST) {
  return {
    async post(
      channelId: string,
      message: DiscordMessage,
      opts: { idempotencyKey: string },
    ): Promise<PostResult> {
      try {
        const created = (await rest.post(Routes.channelMessages(channelId), {
          body: {
            ...message,
            nonce: nonceFor(opts.idempotencyKey),
            enforce_nonce: true,
            allowed_mentions: { parse: [] },
          },
        })) as { id: string };
        return { ok: true, messageId: created.id };
      } catch (err) {
        return classify(err);
      }
    },
  };
}

export function classify(err: unknown): Extract<PostResult, { ok: false }> {
  if (err instanceof RateLimitError)
    return { ok: false, failure: 'rate_limited', retryAfterMs: err.retryAfter, detail: err.message };
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : Number(err.code);
    if (GONE.has(code) || err.status === 404)
      return { ok: false, failure: 'gone', detail: `${code}: ${err.message}` };
    if (FORBIDDEN.has(code) || err.status === 403)
      return { ok: false, failure: 'forbidden', detail: `${code}: ${err.message}` };
    if (err.status === 429) return { ok: false, failure: 'rate_limited', detail: err.message };
    return { ok: false, failure: 'transient', detail: `${err.status} ${code}: ${err.message}` };
  }
  return { ok: false, failure: 'transient', detail: (err as Error)?.message ?? String(err) };
}
