import { strict as assert } from 'node:assert';
import { formatOfText } from '../../../core/files/file-formats';
import { seededDraws, shownValues } from './shown';

// A script without an extension is read in the language its interpreter line names
// (core/files/file-formats.ts formatOfText). Left on held-out sets twenty-three and twenty-four: a
// git hook in Ruby and a Perl script were read as plain text, so code there was judged as prose.
const shown = shownValues;
const { key } = seededDraws('interpreter-line');

describe('the interpreter line of a script without an extension', () => {
  it('names the format: env and its options, a path, a version, flags after it', () => {
    const kind = (path: string, first: string) => formatOfText(path, `${first}\nx\n`).kind;
    assert.equal(kind('git/hooks/forward-merge', '#!/usr/bin/env ruby'), 'hash-comment-code');
    assert.equal(kind('bin/serve', '#!/usr/bin/env -S node --enable-source-maps'), 'javascript');
    assert.equal(kind('scripts/release', '#!/usr/bin/python3.12'), 'python');
    assert.equal(kind('scripts/deploy', '#!/bin/bash -euo pipefail'), 'shell');
    assert.equal(kind('tools/sync', '#!/usr/bin/perl -w'), 'hash-comment-code');
    // A name that says its format keeps it; no interpreter line, or an unknown one, is text.
    assert.equal(kind('notes.txt', '#!/usr/bin/env ruby'), 'text');
    assert.equal(kind('run.py', '#!/bin/sh'), 'python');
    assert.equal(kind('README', 'Read me first'), 'text');
    assert.equal(kind('bin/tool', '#!/usr/bin/env awk -f'), 'text');
  });

  it("code in a Ruby hook is code; a literal password in it is found, and a key in a shell script's export is", () => {
    const hook = '#!/usr/bin/env ruby\npassword = config["github"]["credentials"]["password"]\n';
    assert.deepEqual(shown(hook, 'git/hooks/forward-merge'), []);
    const k = key();
    assert.deepEqual(shown(`${hook}token = "${k}"\n`, 'git/hooks/forward-merge'), [k]);
    assert.deepEqual(shown(`#!/bin/sh\nexport API_TOKEN=${k}\n`, 'scripts/deploy'), [k]);
  });
});
