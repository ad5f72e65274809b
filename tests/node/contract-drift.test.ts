import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './http-server.js';

/**
 * The contract holds each request shape once; the service (server side) and the widget (caller
 * side) both take types derived from it. This proves it the way it would break: the type checker
 * runs over the real project with one field of the contract renamed in memory, and must refuse
 * both the service that reads the old name and the widget that sends it.
 */

const CONTRACT_FILE = resolve(REPO_ROOT, 'contract/storefront.ts');

function typeErrorsWithContractEdit(edit: (source: string) => string): { file: string; message: string }[] {
  const configPath = resolve(REPO_ROOT, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('tsconfig.json could not be read');
  const original = readFileSync(CONTRACT_FILE, 'utf8');
  const edited = edit(original);
  if (edited === original) throw new Error('the edit changed nothing: the fixture is out of date');
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => (resolve(fileName) === CONTRACT_FILE ? edited : readFile(fileName));
  const rootNames = config.fileNames.filter((name) => /\/(contract|worker\/src|widget\/src)\//.test(name));
  const program = ts.createProgram({ rootNames, options: config.options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    file: d.file ? relative(REPO_ROOT, d.file.fileName) : '',
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

describe('the contract is the one home of the request shapes', () => {
  it('compiles as it is', { timeout: 180_000 }, () => {
    expect(typeErrorsWithContractEdit((s) => `${s}\n// untouched\n`)).toEqual([]);
  });

  it('renaming a field of a hold change breaks the service and the widget at compile time', { timeout: 180_000 }, () => {
    const errors = typeErrorsWithContractEdit((s) => s.replace(/\bremoveSeats:/, 'dropSeats:'));
    const files = [...new Set(errors.map((e) => e.file))];
    expect(files.some((f) => f.startsWith('worker/src/services/')), `service errors: ${files.join(', ')}`).toBe(true);
    expect(files.some((f) => f.startsWith('widget/src/')), `widget errors: ${files.join(', ')}`).toBe(true);
    // The first error of each side names the old field; later ones in the same function follow from it.
    expect(errors.some((e) => e.file.startsWith('worker/src/services/') && /removeSeats/.test(e.message))).toBe(true);
    expect(errors.some((e) => e.file.startsWith('widget/src/') && /removeSeats/.test(e.message))).toBe(true);
  });
});
