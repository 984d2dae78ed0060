import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, statSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { makeDirs, writeFileAtomic } from '../../core/files';
import { v8FlagsSet } from '../../core/runtime';

/**
 * Loads a CommonJS bundle through V8's code cache: the bytecode of every function the previous run
 * compiled is read back instead of parsed and compiled again. `rotation-guard hook` runs once per
 * prompt and tool call, and compiling its bundle was ~15 ms of its CPU (bench/filters.bench.mjs).
 * Node 20 has no module compile cache of its own (module.enableCompileCache is Node 22).
 *
 * The cache holds code this process will run, so it lives only where nobody else can write: a
 * folder of this user's (XDG_CACHE_HOME or ~/.cache), mode 0700, owned by this user; a file there
 * is used only when it is this user's and not writable by group or others. V8 checks only the
 * source's length, so the file name carries a hash of the source, the Node version, the
 * architecture and the V8 flags (command line and those set at run time). Any failure (no home,
 * read-only disk, rejected data) falls back to plain compiling.
 */
export function requireWithCodeCache(file: string, env: NodeJS.ProcessEnv = process.env): unknown {
  return loadWithCodeCache(file, env).exports;
}

export interface Loaded {
  exports: unknown;
  /** `used`: compiled from the cache; `new`: compiled from source, cache written by `afterRun`; `off`: no private place for one. */
  cache: 'used' | 'new' | 'off';
}

/** `afterRun` schedules the cache write (default: when the event loop empties, before exit). */
export function loadWithCodeCache(file: string, env: NodeJS.ProcessEnv, afterRun: (write: () => void) => void = (w) => process.once('beforeExit', w)): Loaded {
  const source = readFileSync(file, 'utf8');
  const cacheFile = cachePath(file, source, env);
  const cachedData = cacheFile ? readPrivate(cacheFile) : undefined;
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown, filename: file };
  const fn = script.runInThisContext() as (e: unknown, r: NodeRequire, m: typeof module, f: string, d: string) => void;
  fn.call(module.exports, module.exports, require, module, file, dirname(file));
  if (!cacheFile) return { exports: module.exports, cache: 'off' };
  if (cachedData && !script.cachedDataRejected) return { exports: module.exports, cache: 'used' };
  // After the run, so the data holds the functions the run compiled, not only the top level.
  afterRun(() => writePrivate(cacheFile, () => script.createCachedData()));
  return { exports: module.exports, cache: 'new' };
}

function cachePath(file: string, source: string, env: NodeJS.ProcessEnv): string | undefined {
  let base = env.XDG_CACHE_HOME;
  if (!base) {
    try {
      base = join(env.HOME || homedir(), '.cache');
    } catch {
      return undefined;
    }
  }
  // The flags the process set at run time are part of the key as its command line is: V8 rejects a
  // cache written under other flags, and commands that load one bundle set different ones (v8FlagsSet).
  const key = createHash('sha256').update(source).update(`\0${process.version}\0${process.arch}\0${process.execArgv.join(' ')}\0${v8FlagsSet()}`).digest('hex').slice(0, 24);
  return join(base, 'rotation-guard', 'v8-code-cache', `${basename(file)}.${key}.bin`);
}

const mine = (st: { uid: number; mode: number }) => (process.getuid === undefined || st.uid === process.getuid()) && (st.mode & 0o022) === 0;

function readPrivate(path: string): Buffer | undefined {
  try {
    if (!mine(statSync(dirname(path)))) return undefined;
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      const st = fstatSync(fd);
      if (!st.isFile() || !mine(st) || st.size > 16 * 1024 * 1024) return undefined;
      return readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

function writePrivate(path: string, data: () => Buffer): void {
  try {
    const dir = dirname(path);
    makeDirs(dir, 0o700);
    if (!mine(statSync(dir))) return;
    writeFileAtomic(path, data());
  } catch {
    // A cache that cannot be written only costs the next run its compile time.
  }
}
