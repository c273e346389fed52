import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadYamlFile } from './config/load.ts';
import type { IngestDeps, IngestSummary } from './ingest/pipeline.ts';
import { ingestPaths } from './ingest/pipeline.ts';
import type { UpsertOutcome } from './store/types.ts';

export const samplesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../samples');

const manifestSchema = z.object({
  articles: z
    .array(z.object({ file: z.string(), source: z.string(), hours_ago: z.number().nonnegative() }).strict())
    .min(1),
});

/**
 * Ingests the bundled sample articles, each dated relative to `now` as the manifest says, so a
 * newcomer's first briefing has recent stories whatever the day.
 */
export async function ingestSamples(deps: IngestDeps, now: Date, dir = samplesDir): Promise<IngestSummary> {
  const manifest = loadYamlFile(join(dir, 'manifest.yaml'), manifestSchema);
  const total: IngestSummary = {
    files: 0,
    articles: 0,
    counts: { stored: 0, updated: 0, unchanged: 0, duplicate: 0, near_duplicate: 0 },
    rejected: [],
    elapsedMs: 0,
  };
  // Oldest first, so a re-post is linked to the article it copies rather than the other way round.
  const entries = [...manifest.articles].sort((a, b) => b.hours_ago - a.hours_ago);
  for (const entry of entries) {
    const summary = await ingestPaths([join(dir, entry.file)], deps, {
      source: entry.source,
      publishedAt: new Date(now.getTime() - entry.hours_ago * 3_600_000),
    });
    total.files += summary.files;
    total.articles += summary.articles;
    total.rejected.push(...summary.rejected);
    total.elapsedMs += summary.elapsedMs;
    for (const [k, v] of Object.entries(summary.counts)) total.counts[k as UpsertOutcome] += v;
  }
  return total;
}
