/** Worker thread: prepares batches off the main thread while the main thread writes to the store. */
import { parentPort, workerData } from 'node:worker_threads';
import { TopicClassifier } from '../briefing/topics/classifier.ts';
import type { TopicDefinition } from '../config/schema.ts';
import type { InputFile } from './files.ts';
import { type PrepareOptions, prepareBatches } from './prepare.ts';

const { files, topics, opts } = workerData as {
  files: InputFile[];
  topics: TopicDefinition[];
  opts: PrepareOptions;
};
const port = parentPort;
if (!port) throw new Error('prepare-worker must run as a worker thread');

// Flow control: at most a few batches wait in the main thread, so memory stays bounded.
let credits = 4;
let wake: (() => void) | null = null;
port.on('message', (m) => {
  if (m === 'ack') {
    credits++;
    wake?.();
    wake = null;
  }
});

for await (const batch of prepareBatches(files, new TopicClassifier(topics), opts)) {
  while (credits === 0) await new Promise<void>((r) => (wake = r));
  credits--;
  port.postMessage({ type: 'batch', batch });
}
port.postMessage({ type: 'done' });
port.close();
