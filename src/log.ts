import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths whose values never reach a log line, wherever they appear in logged objects. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'env.DISCORD_TOKEN',
  'env.SLACK_BOT_TOKEN',
  'env.SLACK_SIGNING_SECRET',
  'env.SLACK_APP_TOKEN',
  'env.OPENAI_API_KEY',
  'env.DATABASE_URL',
  'headers.authorization',
  '*.headers.authorization',
  'config.env.DISCORD_TOKEN',
  'config.env.SLACK_BOT_TOKEN',
  'config.env.SLACK_SIGNING_SECRET',
  'config.env.SLACK_APP_TOKEN',
  'config.env.OPENAI_API_KEY',
  'config.env.DATABASE_URL',
];

/** The one logger, JSON lines on stderr (stdout is kept for command output). */
export function createLogger(
  level = 'info',
  destination: pino.DestinationStream = pino.destination(2),
): Logger {
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'newsbrief' } },
    destination,
  );
}
