import { isMap, isSeq, parseDocument } from 'yaml';
import { PUBLIC_KEY_PATTERN } from './sign-keys';
import type { LedgerWriter } from './sign-verify';

/**
 * Adds a writer to the policy's `ledger.writers`, keeping the rest of the file as it was (YAML
 * through the document model, so comments and order survive; JSON re-written with two spaces).
 * Pure: text in, text out; `added: false` when the key is already listed.
 */
export function addLedgerWriter(text: string, json: boolean, writer: LedgerWriter): { text: string; added: boolean } {
  if (!PUBLIC_KEY_PATTERN.test(writer.publicKey)) throw new Error(`not an Ed25519 public key as \`ledger whoami\` prints it: ${writer.publicKey.slice(0, 20)}…`);
  if (json) {
    const obj = JSON.parse(text) as { ledger?: { writers?: LedgerWriter[] } };
    const writers = (obj.ledger ??= {}).writers ?? [];
    if (writers.some((w) => w.publicKey === writer.publicKey)) return { text, added: false };
    obj.ledger.writers = [...writers, writer];
    return { text: `${JSON.stringify(obj, null, 2)}\n`, added: true };
  }
  const doc = parseDocument(text);
  const current = doc.getIn(['ledger', 'writers']);
  if (isSeq(current) && current.items.some((i) => isMap(i) && i.get('publicKey') === writer.publicKey)) return { text, added: false };
  if (isSeq(current)) {
    current.flow = false;
    current.add(doc.createNode({ name: writer.name, publicKey: writer.publicKey }));
  } else doc.setIn(['ledger', 'writers'], doc.createNode([{ name: writer.name, publicKey: writer.publicKey }]));
  return { text: doc.toString(), added: true };
}
