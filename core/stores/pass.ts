import { spawn } from 'node:child_process';
import { GpgKeyMissingError, StoreError, StoreUnavailableError, type SecretStore, type Stage } from './types';

export interface PassOptions {
  /** Entry name template in the password store (`{id}` = the secret id); defaults to `rotation-guard/{id}`. */
  path?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

interface PassResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `pass`, the standard Unix password manager. Values go to `pass insert -m -f` on stdin, never on
 * the command line (argv is visible to every user through /proc).
 */
export class PassStore implements SecretStore {
  readonly kind = 'pass';
  readonly supportsStages = true;

  constructor(private readonly opts: PassOptions = {}) {}

  describe(): string {
    return `pass store${this.opts.path ? ` (${this.opts.path})` : ''}`;
  }

  private entry(secretId: string, stage: Stage): string {
    const base = (this.opts.path ?? 'rotation-guard/{id}').replace(/\{id\}/g, secretId);
    return stage === 'current' ? base : `${base}.${stage}`;
  }

  private run(args: string[], input: string): Promise<PassResult> {
    const env = { ...(this.opts.env ?? process.env) };
    // Never wait on a pinentry dialog: fail fast and map the error instead.
    env.PASSWORD_STORE_GPG_OPTS = `${env.PASSWORD_STORE_GPG_OPTS ?? ''} --batch --pinentry-mode loopback`.trim();
    return new Promise((resolvePromise, reject) => {
      const cp = spawn('pass', args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => cp.kill('SIGKILL'), this.opts.timeoutMs ?? 20000);
      cp.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      cp.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      cp.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(err.code === 'ENOENT' ? new StoreUnavailableError(this.describe(), '`pass` is not installed (apt install pass)') : err);
      });
      cp.on('close', (code) => {
        clearTimeout(timer);
        resolvePromise({ code, stdout, stderr });
      });
      cp.stdin.on('error', () => undefined);
      cp.stdin.end(input);
    });
  }

  private fail(r: PassResult, action: string): never {
    const text = r.stderr.replace(/\s+/g, ' ').trim().slice(0, 200);
    if (/No public key|No secret key|decryption failed|unusable public key|skipped: No|There is no assurance/i.test(text)) {
      throw new GpgKeyMissingError(this.describe(), text);
    }
    if (/must run:.*pass init/i.test(text)) throw new StoreUnavailableError(this.describe(), 'the password store is not initialised; run `pass init <gpg-id>`');
    throw new StoreError('store/pass-failed', `${this.describe()}: pass ${action} failed (exit ${r.code}): ${text}`, this.describe());
  }

  async get(secretId: string, stage: Stage): Promise<string | null> {
    const name = this.entry(secretId, stage);
    const r = await this.run(['show', name], '');
    if (r.code === 0) return r.stdout.split('\n')[0] ?? '';
    if (/is not in the password store/.test(r.stderr)) return null;
    this.fail(r, 'show');
  }

  /** The user goes on a `user:` line of the same entry (pass's convention for metadata), in one insert. */
  async set(secretId: string, stage: Stage, value: string, user?: string): Promise<void> {
    if (/[\r\n]/.test(value) || (user && /[\r\n]/.test(user))) throw new StoreError('store/value-format', `${this.describe()}: multi-line values are not supported (pass keeps the password on the first line)`);
    const r = await this.run(['insert', '-m', '-f', this.entry(secretId, stage)], `${value}\n${user !== undefined ? `user: ${user}\n` : ''}`);
    if (r.code !== 0) this.fail(r, 'insert');
  }

  async getUser(secretId: string, stage: Stage): Promise<string | null> {
    const r = await this.run(['show', this.entry(secretId, stage)], '');
    if (r.code !== 0) return null;
    const line = r.stdout.split('\n').slice(1).find((l) => /^user:\s*/.test(l));
    return line ? line.replace(/^user:\s*/, '').trim() : null;
  }

  async delete(secretId: string, stage: Stage): Promise<boolean> {
    const r = await this.run(['rm', '-f', this.entry(secretId, stage)], '');
    if (r.code === 0) return true;
    if (/is not in the password store/.test(r.stderr)) return false;
    this.fail(r, 'rm');
  }
}
