import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fake } from '../../helpers/fake-keys';
import { cli, tempTree } from './run-cli';

/**
 * SARIF 2.1.0 checked by Microsoft's SARIF Multitool (`@microsoft/sarif-multitool`, the SARIF SDK's
 * validator, a self-contained Linux x64 binary): the OASIS JSON schema, the SARIF SDK's error and
 * warning rules, and GitHub code scanning's ingestion rules (GH*). Notes are not enforced: two of
 * them ask for code snippets and context regions, which would put the secret into the log.
 */
type Obj = Record<string, unknown>;
type Issue = { level: string; ruleId: string; where: string };

function multitool(): string {
  // The package's main module resolves the platform binary (an optional dependency). Its own
  // postinstall only marks it executable, and npm may skip install scripts: do that here.
  const bin = require('@microsoft/sarif-multitool') as string;
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    chmodSync(bin, 0o755);
  }
  return bin;
}

/** Errors and warnings the multitool reports on a SARIF file. */
function validate(file: string): Issue[] {
  const out = `${file}.validation.sarif`;
  rmSync(out, { force: true });
  const r = spawnSync(multitool(), ['validate', file, '--level', 'Error;Warning', '--rule-kind', 'Sarif;Gh', '--output', out], {
    encoding: 'utf8',
    // .NET without ICU: Debian images need not have libicu installed.
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    timeout: 60000,
  });
  assert.equal(r.status, 0, `the multitool failed to run (${r.status}): ${r.stdout.slice(-600)}${r.stderr.slice(-600)}`);
  const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: Array<{ results?: Array<{ level: string; ruleId: string; message: { arguments?: string[] } }> }> };
  return log.runs.flatMap((run) => (run.results ?? []).map((x) => ({ level: x.level, ruleId: x.ruleId, where: x.message.arguments?.[0] ?? '' })));
}

describe('scan --format sarif (SARIF 2.1.0, validated by the SARIF Multitool)', function () {
  this.timeout(120000);
  before(function () {
    if (process.platform !== 'linux' || process.arch !== 'x64') this.skip(); // the binary this test installs
  });

  it('the validator rejects a broken log (so a clean report below means something)', () => {
    const root = tempTree({ 'a.env': `OPENAI_API_KEY=${fake.openaiProject()}\n` });
    const log = JSON.parse(cli(['scan', '--format', 'sarif', '.'], { cwd: root }).stdout) as { runs: Array<{ results: Obj[]; tool: { driver: Obj } }> };
    log.runs[0]!.results[0]!.level = 'severe';
    delete log.runs[0]!.tool.driver.name;
    writeFileSync(join(root, 'broken.sarif'), JSON.stringify(log));
    const issues = validate(join(root, 'broken.sarif'));
    assert.deepEqual(issues.map((i) => i.ruleId).sort(), ['JSON1002', 'JSON1019'], JSON.stringify(issues));
  });

  it('a log with findings of several rules has no schema, SARIF or GitHub errors or warnings', () => {
    const root = tempTree({
      'a.env': `OPENAI_API_KEY=${fake.openaiProject()}\nDB_PASSWORD=${fake.password()}\n`,
      'src/app.py': `client = OpenAI(api_key="${fake.anthropic()}")\nGITHUB_TOKEN = "${fake.githubPat()}"\n`,
      'notes/ünïcode path.md': `Authorization: Bearer ${fake.slackBot()}\n`,
    });
    const r = cli(['scan', '--format', 'sarif', '.'], { cwd: root });
    assert.equal(r.status, 1, r.stderr);
    writeFileSync(join(root, 'scan.sarif'), r.stdout);
    assert.deepEqual(validate(join(root, 'scan.sarif')), []);

    // What the schema cannot say: indexes and positions point at the right things.
    const run = (JSON.parse(r.stdout) as { runs: Obj[] }).runs[0]!;
    const rules = ((run.tool as Obj).driver as Obj).rules as Obj[];
    const results = run.results as Obj[];
    assert.ok(results.length >= 5, `${results.length} results`);
    for (const res of results) {
      assert.equal(rules[res.ruleIndex as number]!.id, res.ruleId, 'ruleIndex points at the rule');
      const phys = (res.locations as Obj[])[0]!.physicalLocation as Obj;
      const region = phys.region as Record<string, number>;
      assert.ok(region.startLine! >= 1 && region.startColumn! >= 1 && region.endColumn! > region.startColumn!);
      assert.ok(['a.env', 'src/app.py', 'notes/%C3%BCn%C3%AFcode%20path.md'].includes((phys.artifactLocation as Obj).uri as string));
    }
  });
});
