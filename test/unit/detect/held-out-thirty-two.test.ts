import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { seededDraws, shownValues } from './shown';

// Value classes read on a thirty-second held-out set (game servers, game backends and their
// hosting panels in Go, C++, C#, PHP, Java and TypeScript; 2026-12-07: docs/detection.md "Held-out
// set thirty-two"), each judged by the principle that rejects it, with synthetic lines of the same
// shape and, beside each, a value in the same place that must still be found.
const shown = shownValues;
const { key } = seededDraws('held-out-thirty-two');
/** Base64 of 32 bytes derived from a seeded draw, as a Laravel `APP_KEY` holds after `base64:`. */
const base64Key = () => createHash('sha256').update(key()).digest('base64');

describe('held-out set thirty-two', () => {
  it('a post-increment of a name (`nextToken++`, `lf->next_token++`) is an expression; a literal token there is found', () => {
    const path = 'Game/Traits/ConditionManager.cs';
    const code = ['int Grant() {', '    var token = nextConditionToken++;', '    currentToken = nextToken++;', '    slot.token = lf->next_token--;', '    return token;', '}', ''].join('\n');
    assert.deepEqual(shown(code, path), []);
    const k = key();
    assert.deepEqual(shown(code.replace('nextConditionToken++', `"${k}"`), path), [k]);
  });

  it('minified source after a signed number (`=-1,r.P.TOKEN_X=157,…`) is code; a string literal in the same bundle is found', () => {
    const path = 'public/themes/vendor/ace/worker-php.js';
    const line = 'r.Parser.prototype.getNextToken=function(){return this.pos},r.Parser.prototype.errorToken=-1,r.Parser.prototype.TOKEN_INVALID=157,r.Parser.prototype.TOKEN_MAP_SIZE=392;\n';
    assert.deepEqual(shown(line, path), []);
    const k = key();
    assert.deepEqual(shown(line.replace('=-1,', `="${k}",`), path), [k]);
  });

  it('a shell command substitution inside a quoted value (`"base64:$(head -c 32 /dev/urandom | base64)"`) is made where it runs; a literal key is found', () => {
    const path = 'docker/entrypoint.sh';
    const script = ['#!/bin/sh', 'if [ -z "${APP_KEY}" ]; then', '  APP_KEY="base64:$(head -c 32 /dev/urandom | base64)"', '  SESSION_SECRET="sess-$(openssl rand -hex 16)"', 'fi', ''].join('\n');
    assert.deepEqual(shown(script, path), []);
    const k = base64Key();
    assert.deepEqual(shown(script.replace('$(head -c 32 /dev/urandom | base64)', k), path), [`base64:${k}`]);
  });

  it("a name's address (`= &mergedAuthInfo`) after a long subscript is code; a bare drawn token there is found", () => {
    const path = 'tools/clientcmd/client_config.go';
    const code = ['func merge() {', '\tmerged.AuthInfos[mergedAuthInfoName] = &mergedAuthInfo', '}', ''].join('\n');
    assert.deepEqual(shown(code, path), []);
    const k = key();
    assert.deepEqual(shown(code.replace('&mergedAuthInfo', k), path), [k]);
  });

  it('an actor named `AP` + hex digit + words + number (`APCWaypoint1`) in a map and its script is a name; a drawn Artifactory key is found', () => {
    const map = ['Actors:', '\tAPCWaypoint1: waypoint', '\t\tLocation: 52,50', '\tAPCUnloadPoint2: waypoint', '\t\tOwner: Neutral', ''].join('\n');
    const lua = 'local path = { McvWaypoint.Location, APCWaypoint1.Location, APCUnloadPoint2.Location }\n';
    assert.deepEqual(shown(map, 'mods/ra/maps/soviet-06/map.yaml'), []);
    assert.deepEqual(shown(lua, 'mods/ra/maps/soviet-06/soviet06.lua'), []);
    const k = `AP6${key()}`;
    assert.deepEqual(shown(`${map}\tAPCWaypoint3: ${k}\n`, 'mods/ra/maps/soviet-06/map.yaml'), [k]);
    assert.deepEqual(shown(`${lua}local token = "${k}"\n`, 'mods/ra/maps/soviet-06/soviet06.lua'), [k]);
  });
});
