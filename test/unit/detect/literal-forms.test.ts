import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { formatOf } from '../../../core/files/index';
import { DEFAULT_MIN_CONFIDENCE, scanText } from '../../../core/detect/index';
import { seededDraws, shownValues } from './shown';

// How a value is written, by the syntax of its language or format (2026-12-07, a probe of one drawn
// password written in 45 syntaxes found 28 unread). First, two facts of a language's string literals,
// the first carried by the file-format table (core/files/file-formats.ts):
// - `$name` in a Kotlin, Dart or Groovy template, or in a PHP or Perl double-quoted string, is replaced
//   where the program runs (set twenty-nine left `password = "alice-$timestamp"` in a Kotlin debug
//   screen): the literal's text is not the value used;
// - a prefix before a quote (Python's `r'…'`, `b'…'`, Rust's `r"…"`, Dart's `r'…'`) opens a literal
//   whose text is the value, as without it: a password written so was not read at all.
// Each case beside a drawn value in the same place that must be found.
const shown = shownValues;
const { key } = seededDraws('literal-forms');

describe('literal forms: string templates, prefixes, triple quotes, block scalars, ENV, password slots', () => {
  it('the table says which languages interpolate `$name` and in which quotes', () => {
    assert.deepEqual(formatOf('app/src/Main.kt').dollarTemplates, { quotes: '"' });
    assert.deepEqual(formatOf('build.gradle.kts').dollarTemplates, { quotes: '"' });
    assert.deepEqual(formatOf('lib/main.dart').dollarTemplates, { quotes: `"'`, rawPrefix: 'r' });
    assert.deepEqual(formatOf('app/build.gradle').dollarTemplates, { quotes: '"' });
    assert.deepEqual(formatOf('src/Config.php').dollarTemplates, { quotes: '"' });
    assert.deepEqual(formatOf('lib/App/Config.pm').dollarTemplates, { quotes: '"' });
    for (const p of ['src/Main.java', 'main.go', 'app.py', 'index.ts', 'config.rb', 'Program.cs', 'x.swift']) assert.equal(formatOf(p).dollarTemplates, undefined, p);
    // The rows split from their families keep the family's kind and code.
    assert.equal(formatOf('Main.kt').kind, formatOf('Main.java').kind);
    assert.equal(formatOf('index.php').kind, formatOf('config.rb').kind);
    assert.equal(formatOf('index.php').code, 'program');
  });

  it('Kotlin: a password built from a template is not a literal; a drawn literal and an escaped dollar are found', () => {
    const path = 'autofill/internal/SettingsActivity.kt';
    const code = [
      'val timestamp = System.currentTimeMillis()',
      'val creds = listOf(',
      '    sample(username = "alice-$timestamp", password = "alice-$timestamp"),',
      '    sample(username = "bob-${timestamp}", password = "bob-${timestamp + 1}"),',
      ')',
      '(1..5).forEach { add(sample(password = "password-$it")) }',
      'logcat(ERROR) { "Sync-ScopedToken: $reason: ${asLog()}" }',
      '',
    ].join('\n');
    assert.deepEqual(shown(code, path), []);
    const k = key();
    assert.deepEqual(shown(code.replace('"password-$it"', `"${k}"`), path), [k]);
    // `\$` is the character: the literal is the password the program uses.
    const escaped = `${k.slice(0, 10)}\\$${k.slice(10)}`;
    assert.deepEqual(shown(code.replace('"password-$it"', `"${escaped}"`), path), [escaped]);
    // The same line in Java holds `$` as a character: found.
    const java = `Credentials c = sample("alice", "${k.slice(0, 12)}-$timestamp");\nString password = "${k.slice(0, 12)}-$timestamp";\n`;
    assert.deepEqual(shown(java, 'src/Sample.java'), [`${k.slice(0, 12)}-$timestamp`]);
  });

  it("Dart interpolates in either quote unless the literal is raw; Groovy's single quotes are plain", () => {
    const k = key();
    const dart = `final password = 'seed-$timestamp';\nfinal token = "tok-\${user.id}";\n`;
    assert.deepEqual(shown(dart, 'lib/fixtures.dart'), []);
    assert.deepEqual(shown(`final password = r'${k.slice(0, 12)}-$timestamp';\n`, 'lib/fixtures.dart'), [`${k.slice(0, 12)}-$timestamp`]);
    const groovy = `password = "seed-$timestamp"\n`;
    assert.deepEqual(shown(groovy, 'build.gradle'), []);
    assert.deepEqual(shown(`password = '${k.slice(0, 12)}-$timestamp'\n`, 'build.gradle'), [`${k.slice(0, 12)}-$timestamp`]);
  });

  it("PHP and Perl interpolate in double quotes only", () => {
    const k = key();
    assert.deepEqual(shown(`$password = "seed-$suffix";\n`, 'src/Seeder.php'), []);
    assert.deepEqual(shown(`$password = '${k.slice(0, 12)}-$suffix';\n`, 'src/Seeder.php'), [`${k.slice(0, 12)}-$suffix`]);
    assert.deepEqual(shown(`my $password = "seed-$suffix";\n`, 'lib/Seed.pm'), []);
    assert.deepEqual(shown(`my $password = '${k.slice(0, 12)}-$suffix';\n`, 'lib/Seed.pm'), [`${k.slice(0, 12)}-$suffix`]);
  });

  it("a literal's prefix (`r'…'`, `b'…'`, `rb'…'`, Rust's `r\"…\"`) opens the value; an f-string and a name ending in r are left", () => {
    const k = key();
    for (const [prefix, path] of [['r', 'app/settings.py'], ['b', 'app/settings.py'], ['rb', 'app/settings.py'], ['U', 'app/settings.py'], ['r', 'src/main.rs'], ['b', 'src/main.rs']] as const) {
      const q = path.endsWith('.rs') ? '"' : "'";
      const line = path.endsWith('.rs') ? `let password = ${prefix}${q}${k}${q};\n` : `password = ${prefix}${q}${k}${q}\n`;
      assert.deepEqual(shown(line, path), [k], `${prefix} in ${path}`);
    }
    // An f-string interpolates `{…}`: not read as a literal. A name ending in r before a quote is not a prefix.
    assert.deepEqual(shown(`password = f'{k}'\n`, 'app/settings.py'), []);
    assert.deepEqual(shown(`password = bar'${k}'\n`, 'app/settings.py'), []);
  });

  it("Rust's `r#\"…\"#`, C's `L\"…\"` and `u8\"…\"`, and a triple-quoted literal on one line are read; a triple quote opening a block is not a value", () => {
    const k = key();
    assert.deepEqual(shown(`let password = r#"${k}"#;\n`, 'src/main.rs'), [k]);
    assert.deepEqual(shown(`const wchar_t* password = L"${k}";\n`, 'src/auth.cpp'), [k]);
    assert.deepEqual(shown(`std::string password = u8"${k}";\n`, 'src/auth.cpp'), [k]);
    assert.deepEqual(shown(`password = \"\"\"${k}\"\"\"\n`, 'app/settings.py'), [k]);
    assert.deepEqual(shown(`password = '''${k}'''\n`, 'config.toml'), [k]);
    assert.deepEqual(shown(`val password = \"\"\"${k}\"\"\"\n`, 'src/Main.kt'), [k]);
    // A docstring after a name, a block opening on its line: no value of one line.
    assert.deepEqual(shown(`def password():\n    \"\"\"Return the password.\"\"\"\n`, 'app/auth.py'), []);
    assert.deepEqual(shown(`password = \"\"\"\n  multi\n  line\n\"\"\"\n`, 'app/settings.py'), []);
  });

  it("a YAML block scalar of one line is the key's value; a block of several lines and a reference are not read", () => {
    const k = key();
    const secret = `apiVersion: v1\nkind: Secret\nstringData:\n  password: |\n    ${k}\n  username: app\n`;
    assert.deepEqual(shown(secret, 'deploy/secret.yaml'), [k]);
    assert.deepEqual(shown(`data:\n  token: >-\n    ${k}\n`, 'deploy/values.yaml'), [k]);
    assert.deepEqual(shown(`data:\n  token: |\n    ${k}\n    and a second line\n`, 'deploy/values.yaml'), []);
    assert.deepEqual(shown(`env:\n  password: |\n    \${{ secrets.DB_PASSWORD }}\n`, '.github/workflows/ci.yml'), []);
    // Indented no deeper than the key: not the block's content.
    assert.deepEqual(shown(`password: |\nnext: ${k}\n`, 'deploy/values.yaml'), []);
  });

  it("a Dockerfile's `ENV NAME value` sets NAME to the value: a drawn one and a vendor default are found, a reference and a path are not", () => {
    const k = key();
    assert.deepEqual(shown(`FROM python:3.12\nENV DB_PASSWORD ${k}\n`, 'Dockerfile'), [k]);
    assert.deepEqual(shown(`FROM postgres:16\nENV POSTGRES_PASSWORD postgres\n`, 'Dockerfile'), ['postgres']);
    assert.deepEqual(shown(`FROM python:3.12\nENV DB_PASSWORD \${DB_PASSWORD}\nENV TOKEN_PATH /run/secrets/token\n`, 'Dockerfile'), []);
    // Not the instruction: a sentence naming the variable.
    assert.deepEqual(shown(`Set the ENV DB_PASSWORD variable before you start.\n`, 'docs/setup.txt'), []);
  });

  it('password slots: SQL, netrc, Redis and PowerShell say what the value is; a weak one where it runs is a weak default', () => {
    const k = key();
    const compose = (pw: string) => `services:\n  cache:\n    image: redis:7\n    command: redis-server --requirepass ${pw}\n`;
    assert.deepEqual(scanText(compose(k), { path: 'docker-compose.yml' }).map((f) => f.ruleId), ['secret/redis-password']);
    const weak = scanText(compose('redis'), { path: 'docker-compose.yml' });
    assert.deepEqual(weak.map((f) => [f.ruleId, f.confidence >= DEFAULT_MIN_CONFIDENCE]), [['weak/default-credential', true]]);
    assert.deepEqual(shown(`CREATE USER 'app'@'%' IDENTIFIED BY '${k}';\nGRANT ALL ON app.* TO 'app'@'%';\n`, 'docker/initdb.d/users.sql'), [k]);
    assert.deepEqual(shown(`machine api.example.com\n  login bob\n  password ${k}\n`, '.netrc'), [k]);
    assert.deepEqual(shown(`$pw = ConvertTo-SecureString "${k}" -AsPlainText -Force\n`, 'deploy/setup.ps1'), [k]);
  });

  it("a password slot judges its value as every form does: a test's typed password, an instruction to replace it, a stored hash and a sentence are not shown", () => {
    const k = key();
    // A typed password in a test's netrc: below the threshold, as after `password =` in a test; a drawn one is shown.
    const netrc = (pw: string) => `NETRC = '''\nmachine test-host\n  login user\n  password ${pw}\n'''\n`;
    assert.deepEqual(shown(netrc('new-pass'), 'tests/unit/test_auth_netrc.py'), []);
    assert.deepEqual(shown(netrc(k), 'tests/unit/test_auth_netrc.py'), [k]);
    // A chart's redis.conf that an init script rewrites: the value orders the reader to replace it.
    const conf = (pw: string) => `  redis.conf: |\n    maxmemory 0\n    requirepass ${pw}\n    masterauth ${pw}\n`;
    assert.deepEqual(shown(conf('replace-default-auth'), 'chart/templates/redis-configmap.yaml'), []);
    assert.deepEqual(shown(conf(k), 'chart/templates/redis-configmap.yaml'), [k, k]);
    // MySQL's stored hash (`*` and 40 hex digits) is below the threshold wherever it is written.
    const hash = `*${createHash('sha1').update(createHash('sha1').update(k).digest()).digest('hex').toUpperCase()}`;
    assert.deepEqual(shown(`INSERT INTO users (name, password) VALUES ('app', '${hash}');\npassword = "${hash}"\n`, 'db/seed.sql'), []);
    // A sentence naming the directive, and a list of the directives' names in code.
    assert.deepEqual(shown(`The requirepass directive sets the password clients give.\nrequirepass directive: clients give it\n`, 'docs/redis.txt'), []);
    assert.deepEqual(shown(`const DIRECTIVES = ['requirepass', 'masterauth'];\n`, 'src/redis.ts'), []);
  });

  it('a sentinel spelling its own name in leetspeak, with `@` and `!` for letters, is typed after the name; a drawn value there is found', () => {
    const k = key();
    assert.deepEqual(shown(`_LAST_WRITE_TOKEN = b"L@stWr!t3T0k3n"\n`, 'pkg/lib/redirect.py'), []);
    assert.deepEqual(shown(`_LAST_WRITE_TOKEN = b"${k}"\n`, 'pkg/lib/redirect.py'), [k]);
  });

  it("SQL scripts are a format of their own that runs: the user's name as its password in a database image's init script is a weak default there, below the threshold in tests and docs", () => {
    assert.equal(formatOf('docker/db/init.sql').code, 'program');
    assert.deepEqual(formatOf('docker/db/init.sql').comment, ['-- ', '']);
    const sql = `CREATE USER IF NOT EXISTS 'shop'@'%' IDENTIFIED BY 'shop';\nGRANT ALL ON shop.* TO 'shop'@'%';\n`;
    const at = (path: string) => scanText(sql, { path }).map((f) => [f.ruleId, f.confidence >= DEFAULT_MIN_CONFIDENCE]);
    assert.deepEqual(at('docker/production/db/mysql/init.sql'), [['weak/default-credential', true]]);
    assert.deepEqual(at('test/scripts/mysql-init.sql'), [['weak/default-credential', false]]);
    assert.deepEqual(at('docs/install.md'), [['weak/default-credential', false]]);
    const k = key();
    assert.deepEqual(shown(sql.replace("BY 'shop'", `BY '${k}'`), 'docker/production/db/mysql/init.sql'), [k]);
  });

  it("a record's `name` member names the credential and its `value` member holds it (Kubernetes EnvVar, ECS, CloudFormation); a reference and another record's value are not read", () => {
    const k = key();
    const pod = (value: string) => `spec:\n  containers:\n    - name: app\n      env:\n        - name: OPENAI_API_KEY\n${value}        - name: LOG_LEVEL\n          value: debug\n`;
    assert.deepEqual(shown(pod(`          value: "${k}"\n`), 'deploy/app.yaml'), [k]);
    assert.deepEqual(shown(pod(`          valueFrom:\n            secretKeyRef:\n              name: app\n              key: openai-api-key\n`), 'deploy/app.yaml'), []);
    assert.deepEqual(shown(pod(`          value: {{ .Values.openaiApiKey | quote }}\n`), 'chart/templates/deployment.yaml'), []);
    // The next record's value is not this record's: `- name: API_KEY` alone, then `- name: LOG_LEVEL` and its value.
    assert.deepEqual(shown(pod(''), 'deploy/app.yaml'), []);
    assert.deepEqual(shown(`{"containerDefinitions": [{"environment": [{"name": "DB_PASSWORD", "value": "${k}"}]}]}\n`, 'ecs/task-definition.json'), [k]);
    assert.deepEqual(shown(`      Environment:\n        - Name: API_TOKEN\n          Value: ${k}\n`, 'cfn/service.yaml'), [k]);
    // A vendor's default password in a pod that runs it is a weak default there.
    const weak = scanText(`        - name: POSTGRES_PASSWORD\n          value: postgres\n`, { path: 'deploy/db.yaml' });
    assert.deepEqual(weak.map((f) => [f.ruleId, f.confidence >= DEFAULT_MIN_CONFIDENCE]), [['weak/default-credential', true]]);
  });

  it("a setter or a builder's method given one literal receives the credential; a getter, a call's result and a label are not values", () => {
    const k = key();
    for (const [line, path] of [
      [`config.setPassword("${k}");`, 'src/main/java/App.java'],
      [`$client->setApiKey('${k}');`, 'src/Client.php'],
      [`client.SetToken("${k}")`, 'cmd/main.go'],
      [`client.set_api_key("${k}")`, 'app/client.py'],
      [`OpenAI.builder().apiKey("${k}").build()`, 'src/main/kotlin/Ai.kt'],
      [`db.withPassword("${k}");`, 'src/test/java/DbIT.java'],
    ] as const) assert.deepEqual(shown(`${line}\n`, path), [k], line);
    for (const line of ['String pw = getPassword("app.password");', 'user.setPassword(encoder.encode(raw));', 'form.setPasswordLabel("Enter your password");', 'setPassword(e.target.value);', 'builder.key("name").value(v);'])
      assert.deepEqual(shown(`${line}\n`, 'src/App.java'), [], line);
  });

  it('a password on a command line by its documented flag (`mysql -p…`, `mysqladmin … -proot` in a healthcheck, `sshpass -p`) is found; a prompt, the port and a reference are not', () => {
    const k = key();
    assert.deepEqual(shown(`mysql -h db -u app -p${k} app < dump.sql\n`, 'scripts/restore.sh'), [k]);
    assert.deepEqual(shown(`sshpass -p ${k} ssh deploy@host\n`, 'deploy.sh'), [k]);
    const health = `    healthcheck:\n      test: ["CMD", "mysqladmin", "ping", "-h", "localhost", "-uroot", "-proot"]\n`;
    assert.deepEqual(scanText(health, { path: 'docker-compose.yml' }).map((f) => [f.ruleId, f.confidence >= DEFAULT_MIN_CONFIDENCE]), [['weak/default-credential', true]]);
    assert.deepEqual(shown('mysql -u root -p app\nmysql -h db -P 3306 -u app\nmysql -u root -p"$MYSQL_ROOT_PASSWORD" app\n', 'scripts/restore.sh'), []);
  });

  it('a literal assigned to an element whose key is a name (`cfg.Passwords[defaultPasswordName] = "…"`) is the element\'s value; code there is not', () => {
    const k = key();
    assert.deepEqual(shown(`\tcfg.Passwords[defaultPasswordName] = "${k}"\n`, 'internal/config/defaults.go'), [k]);
    assert.deepEqual(shown(`\tcfg.Passwords[defaultPasswordName] = hash(pw)\n`, 'internal/config/defaults.go'), []);
  });
});
