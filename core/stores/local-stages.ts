import { chmodSync, existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withFileLock } from '../files/lock';
import { sweepDeadTemps, writeFileAtomic } from '../files/write-atomic';
import { StoreError, UnsupportedStageError, type SecretStore, type Stage } from './types';
import { makeDirs } from '../files/make-dirs';

/** `<id>.json.<pid>-<hex>.tmp`: a write in progress, or what a killed (or disk-full) write left. */
const STAGE_TEMP = /^.+\.json\.(\d+)-[0-9a-f]+\.tmp$/;

interface Slot {
  value: string;
  user?: string;
}
type Stages = Partial<Record<'pending' | 'previous', Slot>>;

/** The folder, beside the ledger, that holds PENDING/PREVIOUS of secrets kept only in env files. */
export function localStagesDir(ledgerDir: string): string {
  return join(ledgerDir, 'stages');
}

/**
 * PENDING and PREVIOUS for a secret whose stores are env files only (a headless server without a
 * keyring or `pass`). One JSON file per secret in `.rotation/stages/` beside the ledger: folder
 * 0700, files 0600, and a `.gitignore` of `*` inside the folder so the values never leave the
 * machine by a commit, even when the ledger itself is committed. CURRENT stays in the env files.
 */
export class LocalStageStore implements SecretStore {
  readonly kind = 'local-stages';
  readonly supportsStages = true;
  readonly dir: string;

  constructor(ledgerDir: string) {
    this.dir = localStagesDir(ledgerDir);
  }

  describe(): string {
    return 'local stage file (.rotation/stages, git-ignored)';
  }

  private file(secretId: string): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(secretId)) throw new StoreError('store/config', `secret id "${secretId}" cannot name a file`);
    return join(this.dir, `${secretId}.json`);
  }

  private ensureDir(): void {
    makeDirs(this.dir, 0o700);
    chmodSync(this.dir, 0o700);
    const ignore = join(this.dir, '.gitignore');
    if (!existsSync(ignore)) writeFileSync(ignore, '# pending and previous secret values: never commit\n*\n', { mode: 0o600 });
    sweepDeadTemps(this.dir, STAGE_TEMP);
  }

  private read(secretId: string): Stages {
    const file = this.file(secretId);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Stages;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new StoreError('store/io', `${this.describe()}: cannot read the stage file of "${secretId}" (${(err as NodeJS.ErrnoException).code ?? 'not JSON'})`, this.describe());
    }
  }

  private write(secretId: string, stages: Stages): void {
    this.ensureDir();
    const file = this.file(secretId);
    if (!stages.pending && !stages.previous) {
      try {
        unlinkSync(file);
      } catch {
        /* already gone */
      }
      return;
    }
    // A full disk (ENOSPC) leaves neither a 0-byte nor a partial file behind.
    writeFileAtomic(file, JSON.stringify(stages), { fsync: true });
  }

  private update(secretId: string, change: (s: Stages) => boolean): Promise<boolean> {
    this.file(secretId); // validates the id before anything is created
    this.ensureDir();
    return withFileLock(join(this.dir, `${secretId}.lock`), () => {
      const s = this.read(secretId);
      const changed = change(s);
      if (changed) this.write(secretId, s);
      return changed;
    });
  }

  async sweep(): Promise<void> {
    sweepDeadTemps(this.dir, STAGE_TEMP);
  }

  async get(secretId: string, stage: Stage): Promise<string | null> {
    return stage === 'current' ? null : (this.read(secretId)[stage]?.value ?? null);
  }

  async getUser(secretId: string, stage: Stage): Promise<string | null> {
    return stage === 'current' ? null : (this.read(secretId)[stage]?.user ?? null);
  }

  async set(secretId: string, stage: Stage, value: string, user?: string): Promise<void> {
    if (stage === 'current') throw new UnsupportedStageError(this.describe(), stage);
    await this.update(secretId, (s) => {
      s[stage] = user !== undefined ? { value, user } : { value };
      return true;
    });
  }

  async delete(secretId: string, stage: Stage): Promise<boolean> {
    if (stage === 'current') return false;
    return this.update(secretId, (s) => {
      if (!s[stage]) return false;
      delete s[stage];
      return true;
    });
  }
}
