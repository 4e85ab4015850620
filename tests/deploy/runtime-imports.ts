/**
 * The modules a process loads, found by walking the import graph from its entry points the way
 * Node resolves it: relative imports, workspace packages through their `exports`, and every
 * other package recorded with the file that imports it. Only imports that exist at run time
 * count: `import type` and `export type` are erased by Node's type stripping; dynamic
 * `import('x')`, `import.meta.resolve('x')` and `createRequire(…).resolve('x')` with a literal
 * specifier are run-time lookups too.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { REPOSITORY_ROOT } from './dockerfile-model.ts';
import type { Workspace } from './workspaces.ts';

/** A package a file looks up at run time. */
export interface PackageImport {
  readonly specifier: string;
  /** `@scope/name` or `name`. */
  readonly packageName: string;
  /** The importing file, relative to the repository root. */
  readonly importer: string;
}

export interface ImportGraph {
  /** Repository files loaded, relative to the root. */
  readonly files: ReadonlySet<string>;
  /** Every package specifier (workspace packages included) and who looks it up. */
  readonly packages: readonly PackageImport[];
  /** Specifiers that resolve to nothing in the repository. */
  readonly unresolved: readonly { readonly specifier: string; readonly importer: string }[];
}

export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

const isLiteral = (node: ts.Node | undefined): node is ts.StringLiteralLike =>
  node !== undefined && ts.isStringLiteralLike(node);

/** The specifiers a module looks up when it runs. */
export function runtimeSpecifiers(source: string, fileName: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      if (
        node.importClause?.phaseModifier !== ts.SyntaxKind.TypeKeyword &&
        isLiteral(node.moduleSpecifier)
      ) {
        found.push(node.moduleSpecifier.text);
      }
    } else if (ts.isExportDeclaration(node)) {
      if (!node.isTypeOnly && isLiteral(node.moduleSpecifier))
        found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      const callee = node.expression;
      const dynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const resolveCall =
        ts.isPropertyAccessExpression(callee) &&
        callee.name.text === 'resolve' &&
        (ts.isMetaProperty(callee.expression) ||
          (ts.isCallExpression(callee.expression) &&
            ts.isIdentifier(callee.expression.expression) &&
            callee.expression.expression.text === 'createRequire'));
      if ((dynamicImport || resolveCall) && isLiteral(first)) found.push(first.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const PARSED = /\.(ts|tsx|mts|js|mjs)$/;

/** Walks the graph from `entries`: repository files, or workspace package specifiers. */
export async function runtimeImportGraph(
  entries: readonly string[],
  workspaces: ReadonlyMap<string, Workspace>,
): Promise<ImportGraph> {
  const files = new Set<string>();
  const packages: PackageImport[] = [];
  const unresolved: { specifier: string; importer: string }[] = [];
  const queue: string[] = [];

  const resolveWorkspaceExport = (specifier: string, importer: string): void => {
    const workspace = workspaces.get(packageNameOf(specifier));
    if (workspace === undefined) return;
    const subpath = `.${specifier.slice(packageNameOf(specifier).length)}`;
    const target = workspace.manifest.exports?.[subpath];
    if (target === undefined) unresolved.push({ specifier, importer });
    else queue.push(path.posix.join(workspace.dir, target));
  };

  for (const entry of entries) {
    if (entry.startsWith('@')) resolveWorkspaceExport(entry, '(entry)');
    else queue.push(entry);
  }
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (files.has(file)) continue;
    if (!existsSync(path.join(REPOSITORY_ROOT, file))) {
      unresolved.push({ specifier: file, importer: '(graph)' });
      continue;
    }
    files.add(file);
    if (!PARSED.test(file)) continue;
    const source = await readFile(path.join(REPOSITORY_ROOT, file), 'utf8');
    for (const specifier of runtimeSpecifiers(source, file)) {
      if (specifier.startsWith('.')) {
        queue.push(path.posix.join(path.posix.dirname(file), specifier));
      } else if (!isBuiltin(specifier)) {
        packages.push({ specifier, packageName: packageNameOf(specifier), importer: file });
        resolveWorkspaceExport(specifier, file);
      }
    }
  }
  return { files, packages, unresolved };
}
