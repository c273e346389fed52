import type { IngestProgress, IngestSummary } from '../ingest/pipeline.ts';
import { formatOrigin } from '../ingest/types.ts';

/** A one-line progress display, redrawn at most ten times a second, for terminals only. */
export function terminalProgress(stream: NodeJS.WriteStream): {
  update(p: IngestProgress): void;
  done(): void;
} {
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = performance.now();
      if (now - last < 100 && p.filesDone < p.filesTotal) return;
      last = now;
      const seconds = p.elapsedMs / 1000;
      const rate = seconds > 0 ? Math.round(p.articles / seconds) : 0;
      const fraction = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 1;
      const left = fraction > 0 ? (seconds / fraction) * (1 - fraction) : 0;
      const line = `files ${p.filesDone}/${p.filesTotal} · ${p.articles} articles · ${rate}/s · ${Math.round(fraction * 100)}% · ~${formatSeconds(left)} left`;
      stream.write(`\r${line.padEnd(shown ? 80 : 0)}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\n');
    },
  };
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  return `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, '0')}s`;
}

export function summaryLine(s: IngestSummary): string {
  const c = s.counts;
  const dupes = c.duplicate + c.unchanged;
  const near =
    c.near_duplicate > 0
      ? ` (${c.near_duplicate} near-duplicate${c.near_duplicate === 1 ? '' : 's'} linked to an original)`
      : '';
  return `Ingested ${s.files} file${s.files === 1 ? '' : 's'} in ${(s.elapsedMs / 1000).toFixed(1)}s: ${
    c.stored + c.near_duplicate
  } stored${near}, ${c.updated} updated, ${dupes} duplicate${dupes === 1 ? '' : 's'}, ${s.rejected.length} rejected`;
}

export function rejectionLines(s: IngestSummary): string[] {
  return s.rejected.map((r) => `rejected ${formatOrigin(r)}: ${r.reason}`);
}
