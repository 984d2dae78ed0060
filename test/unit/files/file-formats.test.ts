import { strict as assert } from 'node:assert';
import { formatForLanguage, formatOf, untitledNameFor } from '../../../core/files/file-formats';
import { isPromptFile } from '../../../core/files/file-kinds';

describe('the file-format table', () => {
  it('gives each format its comment syntax, and none to JSON', () => {
    const cases: Array<[string, string | undefined]> = [
      ['a.json', undefined], ['b.ipynb', undefined], ['t.jsonl', undefined], ['README.md', '<!-- '], ['page.html', '<!-- '],
      ['x.j2', '{# '], ['x.prompt', '{# '], ['a.ts', '// '], ['a.jsonc', '// '], ['main.go', '// '], ['App.scala', '// '],
      ['a.py', '# '], ['run.sh', '# '], ['.env', '# '], ['notes.txt', '# '], ['Dockerfile', '# '], ['init.lua', '-- '],
    ];
    for (const [path, open] of cases) assert.equal(formatOf(path).comment?.[0], open, path);
  });

  it('finds env files by name, other files by extension before special names', () => {
    assert.equal(formatOf('/w/.env.production').kind, 'env');
    assert.equal(formatOf('deploy/prod.env').kind, 'env');
    assert.equal(formatOf('compose.ts').kind, 'javascript');
    assert.equal(formatOf('docker-compose.yml').kind, 'yaml');
    assert.equal(formatOf('Modelfile').kind, 'docker');
    assert.equal(formatOf('C:\\w\\bot.PY').kind, 'python');
    assert.equal(formatOf('LICENSE').kind, 'text');
  });

  it('says which formats are program code and which are shell', () => {
    assert.equal(formatOf('a.py').code, 'program');
    assert.equal(formatOf('a.rb').code, 'program');
    assert.equal(formatOf('a.sh').code, 'shell');
    assert.equal(formatOf('a.ps1').code, 'shell');
    assert.equal(formatOf('a.md').code, false);
    assert.equal(formatOf('config.yaml').code, false);
  });

  it('maps editor language ids and fence words to rows, and names untitled documents', () => {
    assert.equal(formatForLanguage('py')?.kind, 'python');
    assert.equal(formatForLanguage('bash')?.kind, 'shell');
    assert.equal(formatForLanguage('TypeScript')?.kind, 'javascript');
    assert.equal(formatForLanguage('no-such-language'), undefined);
    assert.equal(untitledNameFor('python'), 'cell.py');
    assert.equal(untitledNameFor('dotenv'), '.env');
    assert.equal(untitledNameFor('go'), 'untitled.go');
    assert.equal(untitledNameFor('no-such-language'), 'untitled.txt');
    assert.equal(formatOf(untitledNameFor('shellscript')).kind, 'shell');
  });

  it('prompt templates are prompt files by their format row', () => {
    assert.ok(isPromptFile('a/support.prompty'));
    assert.ok(isPromptFile('a/answer.jinja2'));
    assert.ok(!isPromptFile('a/answer.py'));
  });
});
