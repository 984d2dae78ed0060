// Child process that performs store operations for tests. The keyring binding keeps its first
// D-Bus connection for the life of a process, so tests that use several keyrings (and the CLI
// under test) each talk to a store from their own process. Values travel on stdin/stdout only.
// stdin: JSON array of {op: 'get'|'set'|'delete', ref, secretId, stage, value?}; stdout: JSON array of results.
import { createStoreRegistry, type Stage, type StoreRef } from '../../../core/stores';

interface Op {
  op: 'get' | 'set' | 'delete';
  ref: StoreRef;
  baseDir?: string;
  secretId: string;
  stage: Stage;
  value?: string;
}

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const ops = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Op[];
  const out: unknown[] = [];
  for (const o of ops) {
    const store = createStoreRegistry({ baseDir: o.baseDir ?? process.cwd() }).open(o.ref);
    try {
      if (o.op === 'get') out.push({ value: await store.get(o.secretId, o.stage) });
      else if (o.op === 'set') {
        await store.set(o.secretId, o.stage, o.value ?? '');
        out.push({ set: true });
      }
      else out.push({ deleted: await store.delete(o.secretId, o.stage) });
    } catch (err) {
      out.push({ error: `${(err as Error).constructor.name}: ${(err as Error).message}` });
    }
  }
  process.stdout.write(JSON.stringify(out));
}
void main();
