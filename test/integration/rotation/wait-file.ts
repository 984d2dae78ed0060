import { existsSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { ChildProcess } from 'node:child_process';

/** Resolves when `path` exists (fs.watch on its folder), rejects on timeout or if `child` exits first. */
export function waitForFile(path: string, timeoutMs: number, child?: ChildProcess, output?: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const name = basename(path);
    const watcher = watch(dirname(path), (_e, f) => {
      if ((f === null || f === name) && existsSync(path)) finish();
    });
    const timer = setTimeout(() => finish(new Error(`${path} did not appear within ${timeoutMs} ms; output: ${output?.().slice(-600) ?? ''}`)), timeoutMs);
    const onExit = (code: number | null) => finish(existsSync(path) ? undefined : new Error(`the process exited (${code}) before writing ${name}; output: ${output?.().slice(-600) ?? ''}`));
    child?.once('exit', onExit);
    function finish(err?: Error) {
      clearTimeout(timer);
      watcher.close();
      child?.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    }
    if (existsSync(path)) finish();
  });
}
