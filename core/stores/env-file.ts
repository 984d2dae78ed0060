import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, lstatSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { withFileLock } from '../files/lock';
import { prepareFileAtomic, sweepDeadTemps, writeFileAtomic, type AtomicWriteOptions } from '../files/write-atomic';
import { EnvValueNotRepresentableError, readEnvValue, removeEnvValue, writeEnvValue } from './env-format';
import { GitTrackedFileError, StoreError, UnsupportedStageError, type PreparedWrite, type SecretStore, type Stage } from './types';
import { makeDirs } from '../files/make-dirs';

/** Temp files earlier versions wrote beside the env file (`..env.rg-<pid>-<hex>.tmp`): swept when their pid is dead. */
const LEGACY_TEMP = /^\..+\.rg-(\d+)-[0-9a-f]+\.tmp$/;

/**
 * Where the temp file holding an env file's next text is made (`prepareFileAtomic`'s `tempDir`):
 * a 0700 folder beside the env file whose own `.gitignore` ignores everything in it, so `git add -A`
 * never picks a temp file up, whatever the project ignores.
 */
export const PRIVATE_TMP_DIR = '.rotation-guard-tmp';

function privateTmpDir(dir: string): string {
  const tmp = join(dir, PRIVATE_TMP_DIR);
  makeDirs(tmp, 0o700);
  if (lstatSync(tmp).isSymbolicLink()) throw new Error(`${tmp} is a symbolic link; refusing to write secret values through it`);
  chmodSync(tmp, 0o700);
  const ignore = join(tmp, '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '# rotation-guard: temporary files holding secret values; never commit\n*\n', { mode: 0o600 });
  return tmp;
}

const inside = (root: string, p: string): boolean => {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

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
 * Writes are atomic (a 0600 temp file in a private git-ignored folder beside it, fsync, rename),
 * never go to a file git tracks, and never follow a symlink: a symlinked env file, or one whose
 * real folder leaves the policy's folder, is refused.
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

  /**
   * Refuses what a write must never do: follow a symlink (the file itself, or a folder on its path
   * that leads out of the policy's folder) or write into a file git tracks. Then sweeps the temp
   * files a killed run left beside it.
   */
  private checkTarget(): void {
    const dir = dirname(this.file);
    let st: ReturnType<typeof lstatSync> | undefined;
    try {
      st = lstatSync(this.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreError('store/io', `${this.describe()}: cannot stat (${(err as NodeJS.ErrnoException).code})`, this.describe());
    }
    if (st?.isSymbolicLink()) throw new StoreError('store/symlink', `refusing to write a secret into ${this.opts.path}: it is a symbolic link. Replace it with a regular file inside the project.`, this.describe());
    if (st && !st.isFile()) throw new StoreError('store/not-a-file', `refusing to write a secret into ${this.opts.path}: it is not a regular file`, this.describe());
    const base = this.opts.baseDir && resolve(this.opts.baseDir);
    if (base && inside(base, this.file)) {
      let realDir: string;
      try {
        realDir = realpathSync(dir);
      } catch {
        throw new StoreError('store/io', `${this.describe()}: the folder ${relative(base, dir) || '.'} does not exist`, this.describe());
      }
      if (!inside(realpathSync(base), realDir)) throw new StoreError('store/symlink', `refusing to write a secret into ${this.opts.path}: a symbolic link on its path leads out of the policy's folder (to ${realDir})`, this.describe());
    }
    if (isGitTracked(this.file)) throw new GitTrackedFileError(this.opts.path);
    this.sweepNow();
  }

  private sweepNow(): void {
    const dir = dirname(this.file);
    sweepDeadTemps(join(dir, PRIVATE_TMP_DIR));
    sweepDeadTemps(dir, LEGACY_TEMP);
  }

  async sweep(): Promise<void> {
    this.sweepNow();
  }

  /** Checks, then how the text goes to a private temp file beside the target (fsynced) and over it. */
  private writeOptions(existed: boolean): AtomicWriteOptions {
    this.checkTarget();
    const base = this.opts.baseDir && resolve(this.opts.baseDir);
    return { mode: existed ? statSync(this.file).mode & 0o777 : 0o600, fsync: true, tempDir: privateTmpDir(dirname(this.file)), ...(base && inside(base, this.file) ? { within: base } : {}) };
  }

  /**
   * Everything a write will check, before a rotation creates anything: the target (symlinks, git),
   * and that its folder is writable.
   */
  async preflight(): Promise<void> {
    this.checkTarget();
    try {
      accessSync(dirname(this.file), constants.W_OK | constants.X_OK);
    } catch {
      throw new StoreError('store/not-writable', `${this.describe()}: its folder is not writable`, this.describe());
    }
  }

  /** Throws `store/value-format` when the value (or user) cannot be written so that readers get it back byte for byte. */
  checkValue(secretId: string, value: string, user?: string): void {
    try {
      this.nextText('', secretId, value, user);
    } catch (err) {
      if (err instanceof EnvValueNotRepresentableError) throw new StoreError('store/value-format', `${this.describe()}: ${err.message}`, this.describe());
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
    const tmp = prepareFileAtomic(this.file, this.nextText(before, secretId, value, user), this.writeOptions(before !== null));
    return {
      commit: () =>
        withFileLock(`${this.file}.rg-lock`, () => {
          const now = this.read();
          if (now === before) tmp.commit();
          else {
            tmp.abort();
            writeFileAtomic(this.file, this.nextText(now, secretId, value, user), this.writeOptions(now !== null));
          }
        }),
      abort: async () => tmp.abort(),
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
      writeFileAtomic(this.file, this.nextText(text, secretId, value, user), this.writeOptions(text !== null));
    });
  }

  async delete(secretId: string, stage: Stage): Promise<boolean> {
    if (stage !== 'current') return false;
    return withFileLock(`${this.file}.rg-lock`, () => {
      const text = this.read();
      const next = text === null ? null : removeEnvValue(text, this.nameFor(secretId));
      if (next === null) return false;
      writeFileAtomic(this.file, next, this.writeOptions(true));
      return true;
    });
  }
}
