import { strict as assert } from 'node:assert';
import { fake, rand, seededPick } from '../../helpers/fake-keys';
import { cli, tempTree } from './run-cli';

// Issue #21: findings of one value in one scan form one incident with all its locations (the
// DESIGN.md contract): JSON keeps one entry per location, each with its incident, and lists the
// incidents; SARIF relates the locations; the counts shown to people are incidents.
interface Finding { file: string; line: number; fingerprint: string; incident: string; ruleId: string }
interface SarifResult {
  ruleId: string;
  relatedLocations?: Array<{ id: number; physicalLocation: { artifactLocation: { uri: string } } }>;
  partialFingerprints: Record<string, string>;
  properties: { incident: string; incidentLocations: number };
}
interface SarifLog { runs: Array<{ results: SarifResult[] }> }
interface Report { findings: Finding[]; incidents: Array<{ id: string; ruleId: string; fingerprint: string; locations: number }> }

describe('scan: incidents (one value, all its locations)', function () {
  this.timeout(60000);
  const key = fake.openaiProject();
  const other = fake.anthropic();
  const files = {
    'docs/en/setup.md': `Set OPENAI_API_KEY=${key} first.\n`,
    'docs/ko/setup.md': `먼저 OPENAI_API_KEY=${key} 를 설정하세요.\n`,
    'docs/v1/setup.md': `Set OPENAI_API_KEY=${key} first.\n`,
    'app/.env': `ANTHROPIC_API_KEY=${other}\n`,
  };

  it('JSON: one finding per location, each with its incident id; incidents[] counts the locations', () => {
    const root = tempTree(files);
    const r = cli(['scan', '--format', 'json', '.'], { cwd: root });
    assert.equal(r.status, 1, r.stderr);
    const j = JSON.parse(r.stdout) as Report;
    assert.equal(j.findings.length, 4);
    assert.equal(j.incidents.length, 2);
    const copies = j.findings.filter((f) => f.ruleId === 'secret/openai-api-key');
    assert.equal(new Set(copies.map((f) => f.incident)).size, 1, 'the translated and versioned copies are one incident');
    const inc = j.incidents.find((i) => i.id === copies[0]!.incident)!;
    assert.deepEqual([inc.ruleId, inc.fingerprint, inc.locations], ['secret/openai-api-key', copies[0]!.fingerprint, 3]);
    assert.match(inc.id, /^inc-[0-9a-f]{16}$/);
    assert.match(r.stderr, /2 incidents, 4 findings in 4 files/);
    assert.ok(!r.stdout.includes(key) && !r.stderr.includes(key), 'no value in the output');
    // Stable: the same id in another run and another folder.
    const again = JSON.parse(cli(['scan', '--format', 'json', '.'], { cwd: tempTree(files) }).stdout) as Report;
    assert.deepEqual(again.incidents.map((i) => i.id).sort(), j.incidents.map((i) => i.id).sort());
  });

  it('one value found by two rules (a password and the URL beside it) is one incident with both locations', () => {
    const password = `${rand(18, undefined, seededPick('incident-two-rules'))}!7`;
    const root = tempTree({ 'deploy/compose.yaml': `services:\n  api:\n    environment:\n      POSTGRES_PASSWORD: "${password}"\n      DATABASE_URL: "postgresql://app:${password}@db/app"\n` });
    const j = JSON.parse(cli(['scan', '--format', 'json', '.'], { cwd: root }).stdout) as Report;
    assert.deepEqual([...new Set(j.findings.map((f) => f.ruleId))].sort(), ['secret/hardcoded-password', 'secret/url-credentials']);
    assert.equal(j.incidents.length, 1);
    assert.equal(j.incidents[0]!.locations, 2);
    assert.equal(new Set(j.findings.map((f) => f.incident)).size, 1);
    assert.notEqual(j.findings[0]!.fingerprint, j.findings[1]!.fingerprint, 'each finding keeps its own rule + value fingerprint');
  });

  it('SARIF: each location is a result whose relatedLocations are the incident\'s others, with a stable incident fingerprint', () => {
    const root = tempTree(files);
    const log = JSON.parse(cli(['scan', '--format', 'sarif', '.'], { cwd: root }).stdout) as SarifLog;
    const results = log.runs[0]!.results;
    assert.equal(results.length, 4);
    const copies = results.filter((x) => x.ruleId === 'secret/openai-api-key');
    for (const res of copies) {
      assert.equal(res.relatedLocations?.length, 2);
      assert.deepEqual(res.relatedLocations!.map((l) => l.id), [1, 2]);
      assert.equal(res.properties.incidentLocations, 3);
      assert.equal(res.partialFingerprints['rotationGuardIncident/v1'], res.properties.incident);
    }
    const single = results.find((x) => x.ruleId !== 'secret/openai-api-key')!;
    assert.equal(single.relatedLocations, undefined);
  });

  it('text: each location keeps its line; repeated values name their incident', () => {
    const root = tempTree(files);
    const r = cli(['scan', '.'], { cwd: root });
    const lines = r.stdout.split('\n').filter((l) => /: (error|warning) /.test(l));
    assert.equal(lines.length, 4);
    assert.equal(lines.filter((l) => /\[inc-[0-9a-f]{16}: the same value at 3 locations\]/.test(l)).length, 3);
  });
});
