import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pidAlive } from '../files/lock';
import { GpgKeyMissingError, StoreError, StoreUnavailableError, UnreadableEntryError, type SecretStore, type Stage } from './types';

/** `<entry>.rg-tmp-<pid>-<hex>`: an insert not yet moved into place (or left by a killed run). */
const TEMP_ENTRY = /\.rg-tmp-(\d+)-[0-9a-f]+\.gpg$/;

export interface PassOptions {
  /** Entry name template in the password store (`{id}` = the secret id); defaults to `rotation-guard/{id}`. */
  path?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Runs a store's command-line tool (argv, no shell) with a time bound; a tool that is not installed is StoreUnavailableError saying `missing`. */
export function runTool(cmd: string, args: string[], o: { env: NodeJS.ProcessEnv; input?: string; timeoutMs: number; store: string; missing: string }): Promise<PassResult> {
  return new Promise((resolvePromise, reject) => {
    const cp = spawn(cmd, args, { env: o.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => cp.kill('SIGKILL'), o.timeoutMs);
    cp.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    cp.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    cp.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(err.code === 'ENOENT' ? new StoreUnavailableError(o.store, o.missing) : err);
    });
    cp.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    cp.stdin.on('error', () => undefined);
    cp.stdin.end(o.input ?? '');
  });
}

interface PassResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `pass`, the standard Unix password manager. Values go to `pass insert -m -f` on stdin, never on
 * the command line (argv is visible to every user through /proc). `pass insert` writes the
 * encrypted file in place, so a kill mid-write would leave a truncated entry that no later run
 * can decrypt: every write inserts a temporary entry and then `pass mv -f`s it over the real one
 * (a rename). What a killed run left is swept by the next write.
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
    return runTool('pass', args, { env, input, timeoutMs: this.opts.timeoutMs ?? 20000, store: this.describe(), missing: '`pass` is not installed (apt install pass)' });
  }

  private fail(r: PassResult, action: string): never {
    const text = r.stderr.replace(/\s+/g, ' ').trim().slice(0, 200);
    // A truncated file (gpg reads a partial packet) is told apart from a missing key.
    if (/length byte missing|length invalid|Invalid packet|decrypt_message failed|problem reading source|unexpected end of file|CRC error|no valid OpenPGP data/i.test(text)) {
      throw new UnreadableEntryError(this.describe(), text);
    }
    if (/No public key|No secret key|decryption failed|unusable public key|skipped: No|There is no assurance/i.test(text)) {
      throw new GpgKeyMissingError(this.describe(), text);
    }
    if (/must run:.*pass init/i.test(text)) throw new StoreUnavailableError(this.describe(), 'the password store is not initialised; run `pass init <gpg-id>`');
    throw new StoreError('store/pass-failed', `${this.describe()}: pass ${action} failed (exit ${r.code}): ${text}`, this.describe());
  }

  async get(secretId: string, stage: Stage): Promise<string | null> {
    const name = this.entry(secretId, stage);
    const r = await this.run(['show', name], '');
    // gpg exits 0 with no output for some truncations; every entry this store writes has a value.
    if (r.code === 0 && r.stdout === '') throw new UnreadableEntryError(this.describe(), `${name} decrypts to nothing`);
    if (r.code === 0) return r.stdout.split('\n')[0] ?? '';
    if (/is not in the password store/.test(r.stderr)) return null;
    this.fail(r, 'show');
  }

  /** Folder of the password store (where `pass` keeps its `.gpg` files). */
  private storeDir(): string {
    const env = this.opts.env ?? process.env;
    return env.PASSWORD_STORE_DIR ?? join(env.HOME ?? homedir(), '.password-store');
  }

  /** Removes temporary entries a killed run left beside this secret's entries (their pid is dead). */
  async sweep(secretId: string): Promise<void> {
    const rel = dirname(this.entry(secretId, 'current'));
    let names: string[];
    try {
      names = readdirSync(join(this.storeDir(), rel));
    } catch {
      return;
    }
    for (const name of names) {
      const m = TEMP_ENTRY.exec(name);
      if (!m || pidAlive(Number(m[1]))) continue;
      await this.run(['rm', '-f', join(rel, name.replace(/\.gpg$/, ''))], '');
    }
  }

  /** The value must fit pass's format (the password on the first line). */
  checkValue(_secretId: string, value: string, user?: string): void {
    if (/[\r\n]/.test(value) || (user && /[\r\n]/.test(user))) throw new StoreError('store/value-format', `${this.describe()}: multi-line values are not supported (pass keeps the password on the first line)`, this.describe());
  }

  /**
   * The user goes on a `user:` line of the same entry (pass's convention for metadata). One insert
   * into a temporary entry, then `pass mv -f` over the real one: readers see the old entry or the
   * new one, never a partial file.
   */
  async set(secretId: string, stage: Stage, value: string, user?: string): Promise<void> {
    this.checkValue(secretId, value, user);
    await this.sweep(secretId);
    const target = this.entry(secretId, stage);
    const tmp = `${target}.rg-tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const r = await this.run(['insert', '-m', '-f', tmp], `${value}\n${user !== undefined ? `user: ${user}\n` : ''}`);
    if (r.code !== 0) {
      await this.run(['rm', '-f', tmp], '');
      this.fail(r, 'insert');
    }
    const mv = await this.run(['mv', '-f', tmp, target], '');
    if (mv.code !== 0) {
      await this.run(['rm', '-f', tmp], '');
      this.fail(mv, 'mv');
    }
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
