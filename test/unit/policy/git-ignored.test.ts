import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitIgnoredChecker } from '../../../core/policy';
import { projectPerTest, tempProject } from '../../helpers/temp-project';

describe('gitIgnoredChecker (real .gitignore files in a temporary repository)', () => {
  let repo: string;
  const tmp = projectPerTest('rg-gitignore-');
  beforeEach(() => {
    ({ dir: repo } = tmp.project);
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'svc/config'), { recursive: true });
    writeFileSync(join(repo, '.gitignore'), '.env\n*.env\n!example.env\n');
    writeFileSync(join(repo, 'svc/.gitignore'), '!config/shared.env\nsecrets/\n');
  });

  it('applies the .gitignore files from the repository root down, deeper ones winning', () => {
    const ignored = gitIgnoredChecker(join(repo, 'svc'))!;
    assert.equal(ignored('.env'), true);
    assert.equal(ignored('config/app.env'), true);
    assert.equal(ignored('example.env'), false);
    assert.equal(ignored('config/shared.env'), false, 'un-ignored by svc/.gitignore');
    assert.equal(ignored('secrets/token'), true);
    assert.equal(ignored('config/app.json'), false);
    assert.equal(ignored('../outside/../.env'), true);
  });

  it('cannot judge outside a repository', () => {
    const plain = tempProject('rg-norepo-').dir;
    try {
      // tmpdir itself may sit inside some repository on a developer machine; only assert when it does not.
      const checker = gitIgnoredChecker(plain);
      if (checker) assert.equal(typeof checker('.env'), 'boolean');
      else assert.equal(checker, undefined);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
