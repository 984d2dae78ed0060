import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../core/files';
import { quoteEnvValue } from '../../../core/stores';

/**
 * The env file `run --watch` keeps for its child (path in ROTATION_GUARD_ENV_FILE): the child's
 * secrets only, rewritten atomically when one rotates, in a private 0700 folder (XDG_RUNTIME_DIR
 * when there is one: a per-user tmpfs), mode 0600, removed when `run` ends.
 */
export class ChildEnvFile {
  readonly dir: string;
  readonly path: string;

  constructor(env: NodeJS.ProcessEnv) {
    this.dir = mkdtempSync(join(env.XDG_RUNTIME_DIR || tmpdir(), 'rotation-guard-run-'));
    this.path = join(this.dir, 'secrets.env');
  }

  write(vars: Record<string, string>): void {
    const text = Object.keys(vars).sort().map((k) => `${k}=${quoteEnvValue(vars[k]!)}\n`).join('');
    writeFileAtomic(this.path, text, { fsync: true });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
