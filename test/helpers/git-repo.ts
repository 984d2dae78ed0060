import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { git } from './git';
import { tempProject } from './temp-project';

export { GIT_ENV, git } from './git';

export class TestRepo {
  private tick = 0;
  constructor(readonly dir: string) {}

  static create(prefix = 'rg-git-'): TestRepo {
    return new TestRepo(tempProject(prefix, { git: true }).dir);
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
