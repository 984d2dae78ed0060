import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../files';

/**
 * A key an issuer hands out exists there before any store holds it. If the process dies between
 * the issuer's answer and the engine's `store-pending`, the key's secret is lost but the key stays
 * valid. This journal names the last key a provider issued for a secret (SHA-256 of its id, so no
 * identifier a scanner flags lands in the workspace, and of its value, for issuers whose key ids
 * cannot be read from the value), beside the ledger, written before `create` returns. The next `create` (or a rollback's `discard`) deletes that key at the issuer
 * unless it has become the current one.
 */
export class IssuedKeyJournal {
  private readonly path: string;

  constructor(policyDir: string, provider: string, secretId: string) {
    this.path = join(policyDir, '.rotation', `issued-${provider}-${secretId.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  }

  static digest(id: string): string {
    return createHash('sha256').update(id).digest('hex');
  }

  record(id: string, value: string): void {
    writeFileAtomic(this.path, `${JSON.stringify({ issued: IssuedKeyJournal.digest(id), value: IssuedKeyJournal.digest(`value:${value}`) })}\n`, { mkdir: 0o777 });
  }

  private read(): { issued?: unknown; value?: unknown } {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as { issued?: unknown; value?: unknown };
    } catch {
      return {};
    }
  }

  /** True when `id` is the key last recorded. */
  names(id: string): boolean {
    return this.read().issued === IssuedKeyJournal.digest(id);
  }

  /** True when `value` is the secret of the key last recorded. */
  holds(value: string | null): boolean {
    return value !== null && this.read().value === IssuedKeyJournal.digest(`value:${value}`);
  }

  /** Whether a key is recorded at all. */
  recorded(): boolean {
    return typeof this.read().issued === 'string';
  }

  clear(): void {
    rmSync(this.path, { force: true });
  }
}
