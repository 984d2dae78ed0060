import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { signalGroup, watchDaemon } from '../../../scripts/code-server/process-group.cjs';

/** Resolves when `pid` is gone from /proc (or rejects after `ms`), polling: the process is not our child. */
async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!existsSync(`/proc/${pid}`) || /\) Z /.test(readStat(pid))) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}
function readStat(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
}
const exited = (cp: ChildProcess) => new Promise<void>((r) => (cp.exitCode !== null || cp.signalCode !== null ? r() : cp.once('exit', () => r())));

describe('test harness: process groups are signalled only while they are ours (pid numbers come round on this host)', () => {
  const started: ChildProcess[] = [];
  after(() => {
    for (const cp of started) {
      try {
        process.kill(-cp.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  });

  it('kills the group of a live leader', async () => {
    const cp = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    started.push(cp);
    assert.equal(signalGroup(cp, 'SIGKILL'), true);
    await exited(cp);
    assert.equal(cp.signalCode, 'SIGKILL');
  });

  it('kills what is left of a group whose leader exited (a daemon its shell forked)', async () => {
    const cp = spawn('sh', ['-c', 'sleep 30 & echo $!'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    started.push(cp);
    let out = '';
    cp.stdout!.on('data', (d) => (out += d));
    await exited(cp);
    const member = Number(out.trim());
    assert.ok(member > 0 && existsSync(`/proc/${member}`), 'the forked member runs');
    assert.equal(signalGroup(cp, 'SIGKILL'), true);
    assert.ok(await goneWithin(member, 5000), 'the member outlived signalGroup');
  });

  it('does not signal a group number that a live process holds after the leader was reaped', async () => {
    // Stands for the reuse: a reaped leader whose number now names another live group leader.
    const other = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    started.push(other);
    const reapedLeader = { pid: other.pid, exitCode: 0, signalCode: null } as unknown as ChildProcess;
    assert.equal(signalGroup(reapedLeader, 'SIGKILL'), false, 'a signal was sent to the other group');
    assert.equal(signalGroup(other, 'SIGKILL'), true);
    await exited(other);
    assert.equal(other.signalCode, 'SIGKILL');
  });

  it('writes why a watched daemon exited before it was stopped, with its last stderr lines; nothing when stopped on purpose', async () => {
    const dies = spawn('sh', ['-c', 'echo "first line" >&2; echo "cannot connect to the bus" >&2; exit 3'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const w = watchDaemon(dies, 'a test daemon');
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (written.push(String(s)), true)) as typeof process.stderr.write;
    try {
      await exited(dies);
      await new Promise((r) => setImmediate(r));
    } finally {
      process.stderr.write = write;
    }
    assert.match(w.exited() ?? '', /a test daemon \(pid \d+\) exited unexpectedly after [\d.]+ s: code 3; its last stderr lines: first line \| cannot connect to the bus/);
    assert.equal(written.length, 1);
    const stopped = spawn('sleep', ['30'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const w2 = watchDaemon(stopped, 'a stopped daemon');
    w2.stopping();
    stopped.kill('SIGKILL');
    await exited(stopped);
    assert.equal(w2.exited(), undefined);
  });
});
