import { describe, expect, it } from 'vitest';
import { guardedTick } from '../src/cron.ts';

describe('guarded minute tick', () => {
  it('skips a tick while the previous one runs, and hands a failure to onError instead of crashing', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const errors: string[] = [];
    const tick = guardedTick(
      () => {
        runs++;
        if (runs === 2) return Promise.reject(new Error('store is locked'));
        return new Promise<void>((r) => {
          release = r;
        });
      },
      (err) => errors.push(err.message),
    );
    const first = tick.run();
    const overlapping = tick.run();
    expect(runs).toBe(1);
    release();
    await Promise.all([first, overlapping]);
    await expect(tick.run()).resolves.toBeUndefined();
    expect(runs).toBe(2);
    expect(errors).toEqual(['store is locked']);
    await tick.idle();
  });
});
