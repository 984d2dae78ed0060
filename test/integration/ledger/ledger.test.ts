import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendLedgerEntry, verifyLedger } from '../../../core/ledger';
import { policyYaml } from '../../helpers/policy';
import { makeTempDir, removeDir, runToEnd, spawnGroup, waitExit } from '../../helpers/system/processes';
import { CLI } from '../rotation/project';
import { snapshotDir } from '../../helpers/system/snapshot';

const WORKER = join(snapshotDir(join(__dirname, '../workers')), 'ledger-append.js');

describe('ledger across processes and through the CLI', function () {
  this.timeout(60000);
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = makeTempDir('ledger-it');
    writeFileSync(join(dir, 'rotation-policy.yaml'), policyYaml({ version: 1, stores: {}, secrets: [] }));
    path = join(dir, '.rotation', 'ledger.jsonl');
  });
  afterEach(() => removeDir(dir));

  it('100 concurrent appends from 4 processes: 100 lines, none lost, chain valid', async () => {
    const procs = ['a', 'b', 'c', 'd'].map((tag) => spawnGroup(process.execPath, [WORKER, path, '25', tag], { stdio: ['ignore', 'ignore', 'pipe'] }));
    const codes = await Promise.all(procs.map((p) => waitExit(p, 50000)));
    assert.deepEqual(codes, [0, 0, 0, 0]);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 100);
    const details = new Set(lines.map((l) => (JSON.parse(l) as { detail: string }).detail));
    for (const tag of ['a', 'b', 'c', 'd']) for (let i = 0; i < 25; i++) assert.ok(details.has(`${tag}#${i}`), `${tag}#${i} lost`);
    const v = verifyLedger(path);
    assert.equal(v.ok, true, `${v.firstBadLine}: ${v.reason}`);
    assert.equal(v.entries, 100);
  });

  it('takes over a lock left by a killed process (stale pid)', async () => {
    await appendLedgerEntry(path, { secretId: 's', step: 'store', outcome: 'ok' });
    const dead = spawnGroup(process.execPath, ['-e', '0']);
    await waitExit(dead);
    writeFileSync(`${path}.lock`, `${dead.pid} ${(await import('node:os')).hostname()} deadbeef\n`);
    const e = await appendLedgerEntry(path, { secretId: 's', step: 'store', outcome: 'ok' });
    assert.equal(e.seq, 2);
    assert.equal(verifyLedger(path).ok, true);
  });

  for (const [tamper, expectLine] of [
    ['edit', 3],
    ['remove', 3],
    ['reorder', 2],
  ] as const) {
    it(`\`ledger verify\` exits 1 and names line ${expectLine} after a ${tamper}`, async () => {
      for (let i = 0; i < 5; i++) await appendLedgerEntry(path, { secretId: `s${i}`, step: 'store', outcome: 'ok' });
      const ok = await runToEnd(process.execPath, [CLI, 'ledger', 'verify'], { cwd: dir });
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /ledger ok: 5 entries/);
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
      if (tamper === 'edit') lines[2] = lines[2]!.replace('"outcome":"ok"', '"outcome":"failed"');
      if (tamper === 'remove') lines.splice(2, 1);
      if (tamper === 'reorder') [lines[1], lines[2]] = [lines[2]!, lines[1]!];
      writeFileSync(path, lines.join('\n') + '\n');
      const bad = await runToEnd(process.execPath, [CLI, 'ledger', 'verify', '--json'], { cwd: dir });
      assert.equal(bad.code, 1);
      const out = JSON.parse(bad.stdout) as { ok: boolean; firstBadLine: number };
      assert.equal(out.ok, false);
      assert.equal(out.firstBadLine, expectLine);
    });
  }
});
