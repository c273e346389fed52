import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './errors.ts';
import {
  type Env,
  envSchema,
  type FeedSource,
  type FolderSource,
  sourcesFileSchema,
  type TopicDefinition,
  topicsFileSchema,
} from './schema.ts';

/** The one typed configuration object, built once at start-up. */
export interface Config {
  env: Env;
  configDir: string;
  dbPath: string;
  timezone: string;
  topics: TopicDefinition[];
  feeds: FeedSource[];
  folders: FolderSource[];
}

/** The repository's own config/ folder, wherever the process was started from. */
export const defaultConfigDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../config');

export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env): Config {
  const env = parseEnv(rawEnv);
  const configDir = env.NEWSBRIEF_CONFIG_DIR ? resolve(env.NEWSBRIEF_CONFIG_DIR) : defaultConfigDir;
  const topicsFile = join(configDir, 'topics.yaml');
  if (!existsSync(topicsFile)) {
    throw new ConfigError(
      topicsFile,
      [{ where: '(file)', message: 'not found' }],
      'create it (copy config/topics.yaml from the repository) or point NEWSBRIEF_CONFIG_DIR at the folder holding it',
    );
  }
  const topics = loadYamlFile(topicsFile, topicsFileSchema).topics;
  const sourcesFile = join(configDir, 'sources.yaml');
  const sources = existsSync(sourcesFile)
    ? loadYamlFile(sourcesFile, sourcesFileSchema)
    : { feeds: [], folders: [] };
  const known = new Set(topics.map((t) => t.id));
  for (const [i, f] of sources.feeds.entries()) {
    const unknown = f.topics.filter((t) => !known.has(t));
    if (unknown.length) {
      throw new ConfigError(
        sourcesFile,
        [{ where: `feeds[${i}].topics`, message: `unknown topic ${unknown.join(', ')}` }],
        `use topic ids from topics.yaml: ${[...known].join(', ')}`,
      );
    }
  }
  return {
    env,
    configDir,
    dbPath: env.NEWSBRIEF_DB,
    timezone: env.NEWSBRIEF_TIMEZONE,
    topics,
    feeds: sources.feeds,
    folders: sources.folders,
  };
}

export function parseEnv(rawEnv: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(rawEnv);
  if (!result.success) {
    throw new ConfigError(
      'environment',
      result.error.issues.map((i) => ({ where: i.path.join('.'), message: i.message })),
      'correct or unset the variables named above (see README, "Configuration")',
    );
  }
  if (!isValidTimezone(result.data.NEWSBRIEF_TIMEZONE)) {
    throw new ConfigError(
      'environment',
      [
        {
          where: 'NEWSBRIEF_TIMEZONE',
          message: `"${result.data.NEWSBRIEF_TIMEZONE}" is not an IANA timezone`,
        },
      ],
      'use a name like UTC, Europe/Istanbul or Asia/Baghdad',
    );
  }
  return result.data;
}

export function isValidTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Parses a YAML file and validates it, reporting `file:line:col path: problem` for every issue. */
export function loadYamlFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(
      file,
      [{ where: '(file)', message: (err as Error).message }],
      'make the file readable',
    );
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({
        where: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '(file)',
        message: e.message.split('\n')[0] ?? e.code,
      })),
      'fix the YAML syntax at the line shown (indentation, an unclosed quote or bracket)',
    );
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // Walk up the path until a node exists, so a missing key points at its parent.
    let line = '';
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        line = `line ${lineCounter.linePos(node.range[0]).line}, `;
        break;
      }
    }
    return { where: `${line}${formatPath(path)}`, message: issue.message };
  });
  throw new ConfigError(
    file,
    problems,
    'edit the fields named above; see the comments at the top of the file',
  );
}

function formatPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p),
    '',
  );
}
