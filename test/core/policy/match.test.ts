// SPDX-License-Identifier: Apache-2.0
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { compileNameGlob, parsePurlGlob } from '../../../server/src/core/policy/match';

import type { PurlGlob } from '../../../server/src/core/policy/match';

describe('parsePurlGlob', () => {
  const rows: [string, PurlGlob | undefined][] = [
    ['pkg:npm/lodash', { ecosystem: 'npm', name: 'lodash' }],
    ['pkg:npm/@newco/*', { ecosystem: 'npm', name: '@newco/*' }],
    ['pkg:npm/%40newco/sdk', { ecosystem: 'npm', name: '@newco/sdk' }],
    ['pkg:NPM/lodash', { ecosystem: 'npm', name: 'lodash' }],
    ['pkg:npm/*', { ecosystem: 'npm', name: '*' }],
    ['pkg:npm/event-stream@3.3.6', { ecosystem: 'npm', name: 'event-stream', version: '3.3.6' }],
    ['pkg:npm/%40acme/tool@1.0.0', { ecosystem: 'npm', name: '@acme/tool', version: '1.0.0' }],
    ['pkg:npm/@acme/tool@1.0.0', { ecosystem: 'npm', name: '@acme/tool', version: '1.0.0' }],
    ['pkg:golang/github.com/x/y', { ecosystem: 'golang', name: 'github.com/x/y' }],
    ['pkg:deb/lodash', undefined],
    ['npm/lodash', undefined],
    ['pkg:npm/', undefined],
    ['pkg:npm//x', undefined],
    ['pkg:npm/x@', undefined],
    ['pkg:npm/x?arch=1', undefined],
    ['pkg:npm/x#sub', undefined],
    ['pkg:npm/%E0%A4%A', undefined],
  ];
  for (const [text, want] of rows) {
    test(text, () => assert.deepStrictEqual(parsePurlGlob(text), want));
  }
});

describe('compileNameGlob', () => {
  const rows: [string, string, boolean][] = [
    ['lodash', 'lodash', true],
    ['lodash', 'Lodash', false],
    ['lodash', 'lodash.merge', false],
    ['*', '@scope/name', true],
    ['@newco/*', '@newco/sdk', true],
    ['@newco/*', '@newco/a/b', true],
    ['@newco/*', '@newcoevil/x', false],
    ['@newco*', '@newcoevil/x', true],
    ['lodash.*', 'lodash.merge', true],
    ['lodash.*', 'lodashxmerge', false],
    ['*-plugin', 'eslint-plugin', true],
  ];
  for (const [glob, name, want] of rows) {
    test(`${glob} ~ ${name}`, () => assert.equal(compileNameGlob(glob)(name), want));
  }
});
