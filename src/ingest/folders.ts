import type { FolderSource } from '../config/schema.ts';
import { everyMinute } from '../cron.ts';
import type { Logger } from '../log.ts';
import { listInputFiles } from './files.ts';
import { type IngestDeps, ingestPaths } from './pipeline.ts';

/**
 * Ingests files dropped into the folders of config/sources.yaml: on each interval, the files changed
 * since the last look (the first look reads them all; ingesting twice stores nothing new anyway).
 */
const MTIME_SLACK_MS = 5000;

export class FolderWatcher {
  private readonly lastScan = new Map<string, number>();
  private timer: { stop(): Promise<void> } | null = null;

  constructor(
    private readonly folders: FolderSource[],
    private readonly deps: IngestDeps,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = everyMinute(
      () => this.scan(new Date()),
      (err) => this.logger.error({ err: { message: err.message } }, 'folder scan failed'),
    );
  }

  async stop(): Promise<void> {
    await this.timer?.stop();
  }

  async scan(now: Date): Promise<void> {
    for (const folder of this.folders) {
      const last = this.lastScan.get(folder.path);
      if (last !== undefined && now.getTime() - last < folder.interval) continue;
      this.lastScan.set(folder.path, now.getTime());
      const { files, rejected } = await listInputFiles([folder.path]);
      // File times come from a coarse kernel clock and can trail the scan's own clock by milliseconds;
      // looking a little further back costs nothing, since ingesting a file twice stores nothing new.
      const changed = files
        .filter((f) => last === undefined || f.mtime.getTime() >= last - MTIME_SLACK_MS)
        .map((f) => f.path);
      if (rejected.length) this.logger.warn({ folder: folder.path, rejected }, 'folder could not be read');
      if (changed.length === 0) continue;
      const summary = await ingestPaths(changed, this.deps, folder.source ? { source: folder.source } : {});
      this.logger.info(
        { folder: folder.path, files: changed.length, ...summary.counts, rejected: summary.rejected.length },
        'folder ingested',
      );
    }
  }
}
