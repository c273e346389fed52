import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Rejection } from './types.ts';

export type FileKind = 'raw-text' | 'json' | 'jsonl';

const KINDS: Record<string, FileKind> = {
  '.txt': 'raw-text',
  '.text': 'raw-text',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

export const SUPPORTED_EXTENSIONS = Object.keys(KINDS);

export function kindOf(path: string): FileKind | undefined {
  return KINDS[extname(path).toLowerCase()];
}

export interface InputFile {
  path: string;
  kind: FileKind;
  size: number;
  mtime: Date;
}

/** Expands the paths given on the command line: folders recursively, by extension, in a stable order. */
export async function listInputFiles(
  paths: string[],
): Promise<{ files: InputFile[]; rejected: Rejection[] }> {
  const files: InputFile[] = [];
  const rejected: Rejection[] = [];
  async function visit(path: string, explicit: boolean): Promise<void> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (err) {
      rejected.push({
        file: path,
        reason: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      });
      return;
    }
    if (info.isDirectory()) {
      let entries: string[];
      try {
        entries = (await readdir(path)).sort();
      } catch (err) {
        rejected.push({ file: path, reason: `cannot list folder: ${(err as NodeJS.ErrnoException).code}` });
        return;
      }
      for (const entry of entries) {
        if (!entry.startsWith('.')) await visit(join(path, entry), false);
      }
      return;
    }
    const kind = kindOf(path);
    if (!kind) {
      // Files met inside a folder are skipped quietly; a file named on purpose gets an explanation.
      if (explicit) {
        rejected.push({
          file: path,
          reason: `unsupported file type; use ${SUPPORTED_EXTENSIONS.join(', ')}`,
        });
      }
      return;
    }
    files.push({ path, kind, size: info.size, mtime: info.mtime });
  }
  for (const p of paths) await visit(p, true);
  return { files, rejected };
}
