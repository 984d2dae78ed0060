import { strict as assert } from 'node:assert';
import { resolve } from 'node:path';
import { cli } from './run-cli';

// Dogfood: this repository holds no credential-shaped literal. Test keys are generated at run time
// (test/helpers/fake-keys.ts), fixtures are marked, and an input a test needs verbatim carries
// `rotation-guard:allow <reason>`. A finding here is either a committed secret or a false positive
// worth fixing in the detector.
describe('rotation-guard scan of this repository', function () {
  this.timeout(60000);
  it('finds nothing', () => {
    const r = cli(['scan', '--format', 'json', '.'], { cwd: resolve('.') });
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ file: string; line: number; ruleId: string; preview: string }> }).findings;
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.preview}`),
      [],
      r.stderr,
    );
    assert.equal(r.status, 0);
  });
});
