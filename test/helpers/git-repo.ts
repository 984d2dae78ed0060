import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Real git repositories for tests: fixed identity and dates, no user or system config read. */
export const GIT_ENV: NodeJS.ProcessEnv = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.invalid',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.invalid',
};

export function git(cwd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}, input?: string | Buffer): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, ...extraEnv }, input, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim();
}

export class TestRepo {
  private tick = 0;
  constructor(readonly dir: string) {}

  static create(prefix = 'rg-git-'): TestRepo {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    git(dir, ['init', '-q', '-b', 'main']);
    return new TestRepo(dir);
  }

  write(files: Record<string, string | Buffer>): void {
    for (const [p, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, p)), { recursive: true });
      writeFileSync(join(this.dir, p), content);
    }
  }

  /** Writes the files, commits everything (removals too) with a date one day after the last; returns the sha. */
  commit(message: string, files: Record<string, string | Buffer> = {}, remove: string[] = []): string {
    this.write(files);
    for (const p of remove) rmSync(join(this.dir, p));
    git(this.dir, ['add', '-A']);
    const date = new Date(Date.UTC(2026, 0, 1) + ++this.tick * 86_400_000).toISOString();
    git(this.dir, ['commit', '-q', '--allow-empty', '-m', message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    return git(this.dir, ['rev-parse', 'HEAD']);
  }

  git(args: string[]): string {
    return git(this.dir, args);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
