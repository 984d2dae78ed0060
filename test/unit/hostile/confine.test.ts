import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { allowedOutsidePaths, confine, confinementFor, isInside, realPathOf, repositoryRootOf, type Confinement } from '../../../core/files/confine';
import { tempProject } from '../../helpers/temp-project';

/**
 * tmp/root is a repository (policy folder = root), tmp/outside is not. Symlinks inside root lead in
 * and out in every way a hostile clone can arrange: relative and absolute, chained, looping,
 * dangling (a write through it creates its target outside), and in a parent folder.
 */
function sandbox(): { tmp: string; root: string; outside: string; c: Confinement } {
  const tmp = tempProject('rg-confine-').dir;
  const root = join(tmp, 'root');
  const outside = join(tmp, 'outside');
  for (const d of [join(root, '.git'), join(root, 'a', 'deep'), join(root, 'b'), outside]) mkdirSync(d, { recursive: true });
  symlinkSync('a', join(root, 'in'));
  symlinkSync('a/deep', join(root, 'in-deep'));
  symlinkSync('../outside', join(root, 'out'));
  symlinkSync(outside, join(root, 'abs-out'));
  symlinkSync('chain2', join(root, 'chain'));
  symlinkSync('out', join(root, 'chain2'));
  symlinkSync('loop', join(root, 'loop'));
  symlinkSync('../outside/made.env', join(root, 'dangling'));
  symlinkSync('../../outside', join(root, 'a', 'up-out')); // a symlink in a parent folder of the named file
  return { tmp, root, outside, c: { root, allowed: [], allowedFrom: '(test)' } };
}

describe('confinement: where a path a policy names really lands (core/files/confine.ts)', () => {
  let s: ReturnType<typeof sandbox>;
  before(() => (s = sandbox()));
  after(() => rmSync(s.tmp, { recursive: true, force: true }));

  it('the repository is the folder holding .git above the policy, else the policy folder', () => {
    assert.equal(repositoryRootOf(join(s.root, 'a', 'deep', 'rotation-policy.yaml')), s.root);
    assert.equal(repositoryRootOf(join(s.outside, 'rotation-policy.yaml')), s.outside);
  });

  for (const [p, inside] of [
    ['.env', true],
    ['a/deep/../.env', true],
    ['in/x.env', true],
    ['in-deep/../../.env', false], // the kernel: root/a/deep/../.. = root, but resolve() reads tmp/.env
    ['../outside/victim.env', false],
    ['a/../../outside/victim.env', false],
    ['out/victim.env', false],
    ['abs-out/victim.env', false],
    ['chain/victim.env', false],
    ['dangling', false],
    ['a/up-out/victim.env', false],
    ['in-deep/../../../x.env', false],
    ['out/../root/.env', true], // the kernel: tmp/outside/.. = tmp, then root/.env; resolve(): root/root/.env. Both inside.
    ['out/../outside/x.env', false], // resolve() says root/outside/x.env (inside), the kernel tmp/outside/x.env
    ['/etc/passwd', false],
  ] as const) {
    it(`${p} is ${inside ? 'inside' : 'outside'}`, () => {
      const r = confine(p, s.root, s.c);
      assert.equal(r.inside, inside, JSON.stringify(r));
    });
  }

  it('a symlink loop is never inside, and the answer comes at once', () => {
    const t = Date.now();
    const r = confine('loop/x.env', s.root, s.c);
    assert.deepEqual(r, { inside: false, reason: 'symlink-loop' });
    assert.ok(Date.now() - t < 1000);
  });

  it('an absolute path into the repository is inside; the dangling symlink resolves to what a write would create', () => {
    assert.equal(confine(join(s.root, 'b', 'x.env'), '/', s.c).inside, true);
    assert.deepEqual(realPathOf('dangling', s.root), { ok: true, real: join(s.outside, 'made.env') });
  });

  it('places the user listed in allowed-paths (never the policy) are allowed; comments, relative lines and ~ are handled', () => {
    const config = join(s.tmp, 'config');
    mkdirSync(join(config, 'rotation-guard'), { recursive: true });
    writeFileSync(join(config, 'rotation-guard', 'allowed-paths'), `# shared secrets\n${s.outside}  # the team's env files\nrelative/ignored\n~/home-allowed\n`);
    const env = { XDG_CONFIG_HOME: config, HOME: join(s.tmp, 'home') };
    assert.deepEqual(allowedOutsidePaths(env), [s.outside, join(s.tmp, 'home', 'home-allowed')]);
    const c = confinementFor(join(s.root, 'rotation-policy.yaml'), env);
    assert.equal(c.root, s.root);
    assert.equal(confine('out/victim.env', s.root, c).inside, true);
    assert.equal(confine('../elsewhere.env', s.root, c).inside, false);
  });

  it('isInside does not take a sibling with a common prefix for a child', () => {
    assert.equal(isInside('/a/bc', '/a/b'), false);
    assert.equal(isInside('/a/b/c', '/a/b'), true);
    assert.equal(isInside('/a/b', '/a/b'), true);
  });

  it('property: whatever path of .., ., folders and symlinks, a write confine() calls inside lands inside (checked by the kernel), and one that lands inside both ways is called inside', () => {
    const segment = fc.constantFrom('a', 'b', 'deep', '..', '.', 'in', 'in-deep', 'out', 'abs-out', 'chain', 'loop', 'up-out', 'root', 'outside');
    let n = 0;
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), fc.boolean(), fc.boolean(), (segments, absolute, viaDangling) => {
        const name = viaDangling ? 'dangling' : `f${n++}.env`;
        const rel = [...segments, name].join('/');
        const p = absolute ? `${s.root}/${rel}` : rel;
        const verdict = confine(p, s.root, s.c);
        // Two real writes: through the kernel's reading of the raw path, and through path.resolve's.
        const landed: Array<string | null> = [`${s.root}/${rel}`, resolve(s.root, rel)].map((target) => {
          try {
            writeFileSync(target, 'x');
            const real = realpathSync.native(target); // libc's realpath: the kernel's reading (the JS one resolves `..` first)
            unlinkSync(real);
            return real;
          } catch {
            return null; // a missing folder, a loop, a file in the way: nothing was written
          }
        });
        for (const real of landed) {
          if (real && verdict.inside) assert.ok(isInside(real, s.root), `${p}: confine says inside, but a write landed at ${real}`);
        }
        if (landed.every((r) => r !== null && isInside(r, s.root))) assert.equal(verdict.inside, true, `${p}: both writes land inside, confine says ${JSON.stringify(verdict)}`);
      }),
      { numRuns: 3000, seed: 19 },
    );
    // Nothing the writes created outside was left behind.
    assert.deepEqual(readdirSync(s.outside), []);
    assert.equal(existsSync(join(s.outside, 'made.env')), false);
  });
});
