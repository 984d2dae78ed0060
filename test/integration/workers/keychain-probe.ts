// Child process for keychain error tests: @napi-rs/keyring keeps its first D-Bus connection for
// the life of the process, so each bus situation needs a fresh process.
// usage: node keychain-probe.js get|set ; prints one JSON line {ok, errorClass, code, message}
import { KeychainStore, StoreError } from '../../../core/stores';

async function main(): Promise<void> {
  const store = new KeychainStore({ service: 'rg-it-probe' });
  const op = process.argv[2];
  try {
    const value = op === 'set' ? await store.set('probe', 'current', 'probe-value-not-secret') : await store.get('probe', 'current');
    process.stdout.write(JSON.stringify({ ok: true, found: value !== null && value !== undefined }) + '\n');
  } catch (err) {
    const e = err as Error;
    process.stdout.write(JSON.stringify({ ok: false, errorClass: e.constructor.name, code: err instanceof StoreError ? err.code : undefined, message: e.message }) + '\n');
  }
}
void main();
