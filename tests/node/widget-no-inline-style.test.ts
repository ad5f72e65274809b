import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './http-server.js';

/**
 * The widget promises to work under a CSP without 'unsafe-inline' (tests/e2e/browser-console.test.ts
 * walks a purchase under one). This guards the habit at the source, for every component, also
 * those the walk does not reach: no style attribute in a template, no styleMap (its first render
 * writes an attribute), no style set as a string. Custom properties go through cssProperties
 * (widget/src/styles/css-properties.ts), which uses the CSSOM only.
 */
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });

const INLINE_STYLE = [
  { what: 'a style attribute in a template', pattern: /\sstyle=["'$]/ },
  { what: "Lit's styleMap", pattern: /\bstyleMap\s*\(/ },
  { what: 'a style attribute set by script', pattern: /setAttribute\(\s*['"]style['"]/ },
  { what: 'a style set as a string', pattern: /\.style\.cssText\s*=|\.style\s*=\s*[`'"]/ },
];

describe('the widget sources', () => {
  it('create no inline style a strict CSP would refuse', () => {
    const found = sources(join(REPO_ROOT, 'widget/src')).flatMap((file) => {
      const lines = readFileSync(file, 'utf8').split('\n');
      return lines.flatMap((line, i) =>
        line.trim().startsWith('*') || line.trim().startsWith('//')
          ? []
          : INLINE_STYLE.filter((rule) => rule.pattern.test(line)).map((rule) => `${relative(REPO_ROOT, file)}:${i + 1}: ${rule.what}`),
      );
    });
    expect(found).toEqual([]);
  });
});
