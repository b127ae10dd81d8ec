/**
 * The import lint of `src/core`: it is shared by browser and server, so it may import nothing of
 * React, the DOM, dexie, Cornerstone, OpenSeadragon, zustand or Node, and nothing outside itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CORE = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const FORBIDDEN_PACKAGES = ['react', 'react-dom', 'dexie', 'openseadragon', 'zustand', 'fake-indexeddb'];
const FORBIDDEN_SCOPES = ['@cornerstonejs/'];
const NODE_BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, '')));
/** Browser-only globals; core must run in Node too. */
const DOM_GLOBALS = /\b(window|document|localStorage|sessionStorage|indexedDB|navigator|HTMLElement|XMLHttpRequest)\s*[.([]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Module specifiers of static imports/exports, side-effect imports, dynamic import() and require(). */
function specifiers(source: string): string[] {
  const code = stripComments(source);
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((p) => [...code.matchAll(p)].map((m) => m[1]!));
}

/** Why `specifier`, imported by `file`, breaks the rule; null when fine. */
function violation(file: string, specifier: string): string | null {
  if (specifier.startsWith('.')) {
    const target = resolve(dirname(file), specifier);
    return target === CORE || target.startsWith(CORE + sep) ? null : `reaches outside src/core (${specifier})`;
  }
  if (specifier.startsWith('node:')) return `imports Node built-in ${specifier}`;
  const bare = specifier.split('/')[0]!;
  if (NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(bare)) return `imports Node built-in ${specifier}`;
  if (FORBIDDEN_SCOPES.some((s) => specifier.startsWith(s))) return `imports ${specifier}`;
  if (FORBIDDEN_PACKAGES.includes(bare)) return `imports ${specifier}`;
  return null;
}

describe('src/core import rules', () => {
  const files = sourceFiles(CORE);

  it('finds the core sources', () => {
    expect(files.map((f) => relative(CORE, f))).toEqual(expect.arrayContaining(['index.ts', 'diff.ts', 'validation/annotation.ts']));
  });

  it('no core source imports a framework, a browser-only library or Node', () => {
    const problems = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8')).flatMap((s) => {
        const why = violation(file, s);
        return why ? [`${relative(CORE, file)}: ${why}`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('no core source touches browser-only globals', () => {
    const problems = files.filter((file) => DOM_GLOBALS.test(stripComments(readFileSync(file, 'utf8')))).map((f) => relative(CORE, f));
    expect(problems).toEqual([]);
  });

  describe('the checker itself', () => {
    const file = join(CORE, 'x.ts');

    it('sees every import form', () => {
      const source = [
        "import React from 'react';",
        "import type { Table } from 'dexie';",
        "import { create } from 'zustand/react';",
        "import * as cs from '@cornerstonejs/core';",
        "export { x } from 'openseadragon';",
        "import 'node:fs';",
        "const p = await import('path');",
        "const f = require('fs/promises');",
        "import {\n  a,\n  b,\n} from './ok';",
        "// import bad from 'react-dom';",
      ].join('\n');
      expect(specifiers(source)).toEqual(['react', 'dexie', 'zustand/react', '@cornerstonejs/core', 'openseadragon', './ok', 'node:fs', 'path', 'fs/promises']);
    });

    it.each([
      ['react', 'imports react'],
      ['react-dom/client', 'imports react-dom/client'],
      ['dexie', 'imports dexie'],
      ['@cornerstonejs/tools', 'imports @cornerstonejs/tools'],
      ['openseadragon', 'imports openseadragon'],
      ['zustand', 'imports zustand'],
      ['node:crypto', 'imports Node built-in node:crypto'],
      ['fs', 'imports Node built-in fs'],
      ['path', 'imports Node built-in path'],
      ['fs/promises', 'imports Node built-in fs/promises'],
      ['../../server/db', 'reaches outside src/core (../../server/db)'],
    ])('flags %s', (specifier, why) => {
      expect(violation(file, specifier)).toBe(why);
    });

    it.each(['./diff', './validation/checks', '../core/diff'])('allows %s', (specifier) => {
      expect(violation(file, specifier)).toBeNull();
    });

    it('flags DOM globals but not the word "document" in prose', () => {
      expect(DOM_GLOBALS.test("window.addEventListener('x', f)")).toBe(true);
      expect(DOM_GLOBALS.test('document.createElement("canvas")')).toBe(true);
      expect(DOM_GLOBALS.test(stripComments('/** The annotation document. */\nconst doc = 1;'))).toBe(false);
    });
  });
});
