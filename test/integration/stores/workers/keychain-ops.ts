// Child for keychain-atomic.test.ts: runs keychain store operations against the real keyring of
// its environment, through the real @napi-rs/keyring backend wrapped to count the calls that
// change an item. With `pauseAfter: N` it prints `PAUSED N` after the N-th such call and blocks,
// so the test can SIGKILL it exactly between two writes of one `set` or `delete`.
// stdin: {service, pauseAfter?, ops}; stdout: JSON results (values travel on stdin/stdout only).
import { KeychainStore } from '../../../../core/stores/keychain';
import { napiKeyringBackend, type KeytarLike } from '../../../../core/stores/keychain-backends';
import type { Stage } from '../../../../core/stores';

export type KeychainOp =
  | { op: 'set'; secretId: string; stage: Stage; value: string; user?: string }
  | { op: 'read' | 'delete'; secretId: string; stage: Stage }
  | { op: 'sweep'; secretId: string }
  /** Items as they are, bypassing the store (the old two-item layout, the copies). */
  | { op: 'raw-set'; account: string; text: string }
  | { op: 'raw-get'; account: string };

function pausing(real: KeytarLike, pauseAfter: number | undefined): KeytarLike {
  let changes = 0;
  const counted = async <T>(p: Promise<T>): Promise<T> => {
    const r = await p;
    if (++changes === pauseAfter) {
      process.stdout.write(`PAUSED ${changes}\n`);
      await new Promise<never>(() => setInterval(() => undefined, 1 << 30));
    }
    return r;
  };
  return {
    getPassword: (s, a) => real.getPassword(s, a),
    findCredentials: (s) => real.findCredentials(s),
    setPassword: (s, a, p) => counted(real.setPassword(s, a, p)),
    deletePassword: (s, a) => counted(real.deletePassword(s, a)),
  };
}

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const req = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { service: string; pauseAfter?: number; ops: KeychainOp[] };
  const real = napiKeyringBackend();
  const store = new KeychainStore({ service: req.service }, pausing(real, req.pauseAfter));
  const out: unknown[] = [];
  for (const o of req.ops) {
    if (o.op === 'set') out.push(await store.set(o.secretId, o.stage, o.value, o.user).then(() => 'set'));
    else if (o.op === 'read') out.push({ value: await store.get(o.secretId, o.stage), user: await store.getUser(o.secretId, o.stage) });
    else if (o.op === 'delete') out.push(await store.delete(o.secretId, o.stage));
    else if (o.op === 'sweep') out.push(await store.sweep(o.secretId).then(() => 'swept'));
    else if (o.op === 'raw-set') out.push(await real.setPassword(req.service, o.account, o.text).then(() => 'set'));
    else if (o.op === 'raw-get') out.push(await real.getPassword(req.service, o.account));
  }
  process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
}
main().catch((err: Error) => {
  process.stderr.write(`${err.constructor.name}: ${err.message}\n`);
  process.exit(1);
});
