import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { withFileLock } from '../files/lock';
import { PassStore, runTool } from './pass';
import { StoreError, StoreUnavailableError, type SecretStore, type Stage } from './types';

export interface PassTeamOptions {
  /** Entry name template (`{id}` = the secret id); defaults to `rotation-guard/{id}`. */
  path?: string;
  /** The team's store, a git clone inside `baseDir` (the policy's folder); defaults to PASSWORD_STORE_DIR. */
  dir?: string;
  remote?: string;
  baseDir?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** A pull or push that cannot be made without overwriting someone's change. Nothing was lost: the local commit stays. */
export class PassTeamConflictError extends StoreError {
  constructor(store: string, detail: string) {
    super('store/pass-team-conflict', `${store}: ${detail}. Nothing was overwritten and the local commit is kept; resolve it in the store (\`pass git status\`, \`pass git pull --rebase\`), then resume the rotation.`, store);
  }
}

/**
 * A `pass` store a team shares: `.gpg-id` names every member's key, so `pass insert` encrypts to
 * all of them, and the store is a git clone synced around every operation — pull (rebase) before,
 * push after (pass itself commits each change). A push that meets someone else's change is
 * rebased and retried; a real conflict (both changed one entry) aborts the rebase and fails with
 * the local commit intact, so no value is ever lost. Operations on one clone are serialised by a
 * lock file inside its .git folder (git's own index lock would make the loser fail instead).
 */
export class PassTeamStore implements SecretStore {
  readonly kind = 'pass-team';
  readonly supportsStages = true;
  private readonly dir: string;
  private readonly pass: PassStore;
  private lastPull = 0;

  constructor(private readonly opts: PassTeamOptions = {}) {
    const env = opts.env ?? process.env;
    if (opts.dir) {
      // A policy may only point inside its own folder; a store elsewhere comes from the user's environment.
      const base = resolve(opts.baseDir ?? process.cwd());
      this.dir = resolve(base, opts.dir);
      const rel = relative(base, this.dir);
      // Not the policy's folder itself either: a cloned repository's own .git and a .gpg-id it
      // ships would send secrets, encrypted to its author, to its author's remote. A clone inside
      // the folder can only be the user's (git never checks out a nested .git).
      if (isAbsolute(opts.dir) || rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new StoreError('store/outside-repository', `pass-team \`dir\` ${opts.dir} must be a clone inside the policy's folder (not the folder itself, nothing outside it); point PASSWORD_STORE_DIR at a store elsewhere instead`);
    } else {
      this.dir = env.PASSWORD_STORE_DIR ?? join(env.HOME ?? '', '.password-store');
    }
    this.pass = new PassStore({ path: opts.path, env: { ...env, PASSWORD_STORE_DIR: this.dir }, timeoutMs: opts.timeoutMs });
  }

  describe(): string {
    return `team pass store (${this.dir}${this.opts.path ? `, ${this.opts.path}` : ''})`;
  }

  /** The GPG ids the store encrypts to (`.gpg-id`). */
  recipients(): string[] {
    const file = join(this.dir, '.gpg-id');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')) : [];
  }

  private async git(args: string[]): Promise<{ code: number | null; out: string }> {
    const env = { ...(this.opts.env ?? process.env), GIT_TERMINAL_PROMPT: '0', GIT_EDITOR: 'true', LC_ALL: 'C' };
    const r = await runTool('git', ['-C', this.dir, ...args], { env, timeoutMs: this.opts.timeoutMs ?? 30000, store: this.describe(), missing: '`git` is not installed' });
    return { code: r.code, out: `${r.stdout} ${r.stderr}`.replace(/\s+/g, ' ').trim().slice(0, 300) };
  }

  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    if (!existsSync(join(this.dir, '.git'))) throw new StoreUnavailableError(this.describe(), 'the store is not a git clone; clone the team store (`git clone URL dir`) or run `pass git init` and add a remote');
    if (this.recipients().length === 0) throw new StoreUnavailableError(this.describe(), 'the store has no .gpg-id; run `pass init <member-gpg-id>...` with every member\'s key');
    return withFileLock(join(this.dir, '.git', 'rotation-guard.lock'), fn, { timeoutMs: 60000 });
  }

  /** Rebases local commits on the remote. A conflict aborts the rebase: the local commit stays as it was. */
  private async pull(): Promise<void> {
    const r = await this.git(['pull', '--rebase', '--quiet', this.opts.remote ?? 'origin', 'HEAD']);
    if (r.code === 0) {
      this.lastPull = Date.now();
      return;
    }
    if (existsSync(join(this.dir, '.git', 'rebase-merge')) || existsSync(join(this.dir, '.git', 'rebase-apply'))) {
      await this.git(['rebase', '--abort']);
      throw new PassTeamConflictError(this.describe(), 'the remote changed the same entry (git pull --rebase stopped on a conflict)');
    }
    throw new StoreUnavailableError(this.describe(), `git pull from ${this.opts.remote ?? 'origin'} failed: ${r.out}`);
  }

  /** Pushes; when the remote moved on, rebases and tries again (three times). */
  private async push(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = await this.git(['push', '--quiet', this.opts.remote ?? 'origin', 'HEAD']);
      if (r.code === 0) return;
      if (!/rejected|non-fast-forward|fetch first/i.test(r.out)) throw new StoreUnavailableError(this.describe(), `git push to ${this.opts.remote ?? 'origin'} failed: ${r.out}; the change is committed locally and will go with the next push`);
      await this.pull();
    }
    throw new PassTeamConflictError(this.describe(), 'the remote kept moving while pushing');
  }

  async get(secretId: string, stage: Stage): Promise<string | null> {
    return this.locked(async () => {
      // Reads within a second of a pull by this process see what it saw; a rotation reads often.
      if (Date.now() - this.lastPull > 1000) await this.pull();
      return this.pass.get(secretId, stage);
    });
  }

  async getUser(secretId: string, stage: Stage): Promise<string | null> {
    return this.locked(async () => this.pass.getUser(secretId, stage));
  }

  async set(secretId: string, stage: Stage, value: string, user?: string): Promise<void> {
    await this.locked(async () => {
      await this.pull();
      await this.pass.set(secretId, stage, value, user);
      await this.push();
    });
  }

  async delete(secretId: string, stage: Stage): Promise<boolean> {
    return this.locked(async () => {
      await this.pull();
      const removed = await this.pass.delete(secretId, stage);
      if (removed) await this.push();
      return removed;
    });
  }
}
