import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { withFileLock } from '../ledger/lock';
import { readEnvValue, removeEnvValue, writeEnvValue } from './env-format';
import { GitTrackedFileError, StoreError, UnsupportedStageError, type PreparedWrite, type SecretStore, type Stage } from './types';

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    /* gone */
  }
}

export interface EnvFileOptions {
  /** The file, relative to baseDir (the policy's folder) unless absolute. */
  path: string;
  /** The variable; defaults to the secret's env var name given by the engine. */
  name?: string;
  /** The variable for the active user (`references.userEnv`), written with the value in one write. */
  userName?: string;
  baseDir?: string;
}

/** True when git tracks the file (exit 0 of `git ls-files --error-unmatch`); false outside a repository. */
export function isGitTracked(file: string): boolean {
  const r = spawnSync('git', ['ls-files', '--error-unmatch', '--', basename(file)], { cwd: dirname(file), stdio: 'ignore' });
  return r.status === 0;
}

/**
 * An env file such as `.env.local`: one slot per variable, so it only holds the current value.
 * Writes are atomic (temp file + fsync + rename) and never go to a file git tracks.
 */
export class EnvFileStore implements SecretStore {
  readonly kind = 'env-file';
  readonly supportsStages = false;
  readonly file: string;

  constructor(
    private readonly opts: EnvFileOptions,
    private readonly defaultName: (secretId: string) => string = (id) => id.toUpperCase().replace(/[^A-Z0-9_]/g, '_'),
    private readonly defaultUserName: (secretId: string) => string | undefined = () => undefined,
  ) {
    this.file = isAbsolute(opts.path) ? opts.path : resolve(opts.baseDir ?? process.cwd(), opts.path);
  }

  describe(): string {
    return `env file ${this.opts.path}`;
  }

  private nameFor(secretId: string): string {
    return this.opts.name ?? this.defaultName(secretId);
  }

  private read(): string | null {
    try {
      return readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StoreError('store/io', `${this.describe()}: cannot read (${(err as NodeJS.ErrnoException).code})`, this.describe());
    }
  }

  /** Git check, then the text in a temp file beside the target (fsynced); returns its path. */
  private writeTemp(text: string, existed: boolean): string {
    if (isGitTracked(this.file)) throw new GitTrackedFileError(this.opts.path);
    const mode = existed ? statSync(this.file).mode & 0o777 : 0o600;
    const tmp = join(dirname(this.file), `.${basename(this.file)}.rg-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    const fd = openSync(tmp, 'wx', mode);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } catch (err) {
      closeSync(fd);
      removeQuietly(tmp);
      throw err;
    }
    closeSync(fd);
    return tmp;
  }

  private atomicWrite(text: string, existed: boolean): void {
    const tmp = this.writeTemp(text, existed);
    try {
      renameSync(tmp, this.file);
    } catch (err) {
      removeQuietly(tmp);
      throw err;
    }
  }

  private nextText(text: string | null, secretId: string, value: string, user: string | undefined): string {
    // User and password in one atomic write: an app re-reading the file never sees a pair that
    // does not belong together.
    const userName = this.userNameFor(secretId);
    let next = writeEnvValue(text ?? '', this.nameFor(secretId), value);
    if (userName && user !== undefined) next = writeEnvValue(next, userName, user);
    return next;
  }

  /**
   * Everything slow (git check, write, fsync) now; `commit` is one rename. The engine prepares
   * before a provider replaces a password in place and commits right after, so an app re-reading
   * the file sees a refused value for as short a time as possible. If the file changed meanwhile,
   * commit rewrites it from its new content instead.
   */
  async prepareSet(secretId: string, stage: Stage, value: string, user?: string): Promise<PreparedWrite> {
    if (stage !== 'current') throw new UnsupportedStageError(this.describe(), stage);
    const before = this.read();
    const tmp = this.writeTemp(this.nextText(before, secretId, value, user), before !== null);
    return {
      commit: () =>
        withFileLock(`${this.file}.rg-lock`, () => {
          const now = this.read();
          if (now === before) renameSync(tmp, this.file);
          else {
            removeQuietly(tmp);
            this.atomicWrite(this.nextText(now, secretId, value, user), now !== null);
          }
        }),
      abort: async () => removeQuietly(tmp),
    };
  }

  private userNameFor(secretId: string): string | undefined {
    return this.opts.userName ?? this.defaultUserName(secretId);
  }

  async get(secretId: string, stage: Stage): Promise<string | null> {
    if (stage !== 'current') return null;
    const text = this.read();
    return text === null ? null : readEnvValue(text, this.nameFor(secretId));
  }

  async getUser(secretId: string, stage: Stage): Promise<string | null> {
    const name = this.userNameFor(secretId);
    if (stage !== 'current' || !name) return null;
    const text = this.read();
    return text === null ? null : readEnvValue(text, name);
  }

  async set(secretId: string, stage: Stage, value: string, user?: string): Promise<void> {
    if (stage !== 'current') throw new UnsupportedStageError(this.describe(), stage);
    await withFileLock(`${this.file}.rg-lock`, () => {
      const text = this.read();
      this.atomicWrite(this.nextText(text, secretId, value, user), text !== null);
    });
  }

  async delete(secretId: string, stage: Stage): Promise<boolean> {
    if (stage !== 'current') return false;
    return withFileLock(`${this.file}.rg-lock`, () => {
      const text = this.read();
      const next = text === null ? null : removeEnvValue(text, this.nameFor(secretId));
      if (next === null) return false;
      this.atomicWrite(next, true);
      return true;
    });
  }
}
