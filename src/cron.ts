import cron from 'node-cron';

/**
 * A tick that never overlaps itself and never lets a failure escape: while one run is in progress
 * further calls are skipped, and a rejected run goes to `onError` instead of crashing the process.
 */
export function guardedTick(task: () => Promise<unknown>, onError: (err: Error) => void) {
  let running: Promise<void> | null = null;
  return {
    run(): Promise<void> {
      running ??= task()
        .then(
          () => undefined,
          (err: Error) => {
            onError(err);
          },
        )
        .finally(() => {
          running = null;
        });
      return running;
    },
    /** Resolves when the run in progress, if any, has finished. */
    async idle(): Promise<void> {
      await running;
    },
  };
}

/** Runs `task` at the start of every minute (node-cron), guarded as above; `stop` waits for a run in progress. */
export function everyMinute(task: () => Promise<unknown>, onError: (err: Error) => void) {
  const tick = guardedTick(task, onError);
  const scheduled = cron.schedule('* * * * *', () => void tick.run());
  return {
    async stop(): Promise<void> {
      await scheduled.stop();
      await tick.idle();
    },
  };
}
