import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePolicy } from '../../../core/policy';
import { fmt, stripMarkers } from './markers';

const dir = join(__dirname, '../../../../test/fixtures/policy/checks');
const now = new Date('2026-11-20T00:00:00Z');
const workspace = ['rotation-policy.yaml', 'src/app.ts', 'templates/system_prompt.md', 'templates/notes.txt'];

// What git ignores in the fixture workspace (the real checker is tested against a real repository).
const gitIgnored = (p: string) => p === '.env' || p.endsWith('.local');

function analyze(text: string) {
  return analyzePolicy(text, { path: '/ws/rotation-policy.yaml', now, listFiles: () => workspace, isGitIgnored: gitIgnored });
}

const names = readdirSync(dir)
  .filter((f) => f.endsWith('.bad.yaml'))
  .map((f) => f.slice(0, -'.bad.yaml'.length));

describe('policy semantic checks (fixtures in test/fixtures/policy/checks)', () => {
  it('has a fixture pair for every semantic check', () => {
    for (const code of [
      'interval-exceeds-threat-model', 'human-password-periodic-rotation', 'machine-secret-without-interval', 'no-compromise-trigger',
      'cryptoperiod-exceeded', 'grace-not-less-than-interval', 'grace-without-overlap', 'credential-in-prompt-file', 'duplicate-id', 'unknown-store',
      'unknown-provider', 'provider-param-missing', 'reference-matches-nothing', 'export-limit', 'env-file-not-ignored',
    ]) assert.ok(names.includes(code), `missing fixture ${code}.bad.yaml`);
  });

  for (const name of names) {
    describe(`policy/${name}`, () => {
      it('is reported exactly at the marked ranges', () => {
        const { text, ranges } = stripMarkers(readFileSync(join(dir, `${name}.bad.yaml`), 'utf8'));
        const got = analyze(text).problems.filter((p) => p.code === `policy/${name}`);
        assert.deepEqual(got.map((p) => fmt(p.range)).sort(), ranges.map(fmt).sort());
        for (const p of got) assert.ok(p.message.length > 20, 'message explains the rule');
      });
      it('is not reported for the compliant variant, which has no errors at all', () => {
        const text = readFileSync(join(dir, `${name}.good.yaml`), 'utf8');
        const problems = analyze(text).problems;
        assert.deepEqual(problems.filter((p) => p.code === `policy/${name}`), []);
        assert.deepEqual(problems.filter((p) => p.severity === 'error').map((p) => `${p.code} ${fmt(p.range)}`), []);
      });
    });
  }

  it('cites the rule in each standards message', () => {
    const cite: Record<string, RegExp> = {
      'human-password-periodic-rotation': /NIST SP 800-63B/,
      'no-compromise-trigger': /PCI DSS 4\.0 8\.6\.3/,
      'cryptoperiod-exceeded': /NIST SP 800-57/,
      'credential-in-prompt-file': /OWASP LLM02.*LLM07|LLM02.*LLM07/,
      'interval-exceeds-threat-model': /threat model 'web' allows \(90d/,
      'export-limit': /Azure Key Vault rotation policies require at least 7 days/,
      'env-file-not-ignored': /PCI DSS 4\.0 8\.6\.2/,
    };
    for (const [name, re] of Object.entries(cite)) {
      const { text } = stripMarkers(readFileSync(join(dir, `${name}.bad.yaml`), 'utf8'));
      const p = analyze(text).problems.find((x) => x.code === `policy/${name}`);
      assert.match(p?.message ?? '', re, name);
    }
  });

  it('skips the workspace checks when no file lister is given', () => {
    const { text } = stripMarkers(readFileSync(join(dir, 'reference-matches-nothing.bad.yaml'), 'utf8'));
    const problems = analyzePolicy(text, { path: '/ws/rotation-policy.yaml', now }).problems;
    assert.equal(problems.filter((p) => p.code === 'policy/reference-matches-nothing').length, 0);
  });

  it('uses the isPromptFile it is given', () => {
    const { text } = stripMarkers(readFileSync(join(dir, 'credential-in-prompt-file.good.yaml'), 'utf8'));
    const problems = analyzePolicy(text, { path: '/ws/rotation-policy.yaml', now, listFiles: () => workspace, isPromptFile: (p) => p.endsWith('.txt') });
    assert.equal(problems.problems.filter((p) => p.code === 'policy/credential-in-prompt-file').length, 1);
  });
});
