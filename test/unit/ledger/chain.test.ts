import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendLedgerEntry, canonicalJson, entryHash, GENESIS, verifyLedger, verifyLedgerText } from '../../../core/ledger';
import { projectPerTest } from '../../helpers/temp-project';

describe('ledger hash chain', () => {
  let dir: string;
  let path: string;
  const tmp = projectPerTest('rg-ledger-');
  beforeEach(async () => {
    ({ dir } = tmp.project);
    path = join(dir, '.rotation', 'ledger.jsonl');
    for (let i = 0; i < 5; i++) await appendLedgerEntry(path, { secretId: `s${i}`, step: 'store', outcome: 'ok', at: `2026-0${i + 1}-01T00:00:00.000Z`, who: 'demo', newFingerprint: 'hk1:abc' });
  });
  const lines = () => readFileSync(path, 'utf8').trimEnd().split('\n');
  const write = (ls: string[]) => writeFileSync(path, ls.join('\n') + '\n');

  it('chains from genesis with seq 1..n and keeps supplied dates and authors', () => {
    const es = lines().map((l) => JSON.parse(l) as { seq: number; prev: string; hash: string; at: string; who: string });
    assert.equal(es[0]!.prev, GENESIS);
    es.forEach((e, i) => {
      assert.equal(e.seq, i + 1);
      if (i > 0) assert.equal(e.prev, es[i - 1]!.hash);
    });
    assert.equal(es[2]!.at, '2026-03-01T00:00:00.000Z');
    assert.equal(es[2]!.who, 'demo');
    const v = verifyLedger(path);
    assert.deepEqual({ ok: v.ok, entries: v.entries, head: v.head }, { ok: true, entries: 5, head: es[4]!.hash });
  });

  it('canonical JSON ignores key order, so the hash does too', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } }), '{"a":{"c":[3,{"e":5,"f":4}],"d":2},"b":1}');
    const e = JSON.parse(lines()[0]!) as Record<string, unknown>;
    const reversed = Object.fromEntries(Object.entries(e).reverse());
    assert.equal(entryHash(reversed as never), e.hash);
  });

  it('an edited line fails at that line', () => {
    const ls = lines();
    ls[2] = ls[2]!.replace('"s2"', '"s9"');
    write(ls);
    const v = verifyLedger(path);
    assert.equal(v.ok, false);
    assert.equal(v.firstBadLine, 3);
    assert.match(v.reason!, /edited/);
  });

  it('a removed line fails at the line after the gap', () => {
    const ls = lines();
    ls.splice(1, 1);
    write(ls);
    assert.equal(verifyLedger(path).firstBadLine, 2);
  });

  it('reordered lines fail at the first moved line', () => {
    const ls = lines();
    [ls[3], ls[4]] = [ls[4]!, ls[3]!];
    write(ls);
    assert.equal(verifyLedger(path).firstBadLine, 4);
  });

  it('a re-hashed edit still breaks the chain at the next line', () => {
    const ls = lines();
    const e = JSON.parse(ls[1]!) as Record<string, unknown>;
    e.detail = 'forged';
    e.hash = entryHash(e as never);
    ls[1] = JSON.stringify(e);
    write(ls);
    assert.equal(verifyLedger(path).firstBadLine, 3);
  });

  it('a cut-off tail is caught only against a pinned head', () => {
    const head = verifyLedger(path).head;
    write(lines().slice(0, 3));
    assert.equal(verifyLedger(path).ok, true);
    const v = verifyLedger(path, head);
    assert.equal(v.ok, false);
    assert.equal(v.firstBadLine, 4);
  });

  it('an empty or missing ledger is valid; garbage is reported at its line', () => {
    assert.equal(verifyLedgerText('').ok, true);
    assert.equal(verifyLedger(join(dir, 'missing.jsonl')).ok, true);
    assert.equal(verifyLedgerText(readFileSync(path, 'utf8') + 'not json\n').firstBadLine, 6);
  });

  it('appending after a torn last line starts a fresh line and chains from the last intact entry', async () => {
    writeFileSync(path, readFileSync(path, 'utf8') + '{"v":1,"seq":6,"trunc');
    const e = await appendLedgerEntry(path, { secretId: 'x', step: 'verify', outcome: 'ok' });
    assert.equal(e.seq, 6);
    const v = verifyLedger(path);
    assert.equal(v.ok, false, 'the torn line is still reported');
    assert.equal(v.firstBadLine, 6);
  });
});
