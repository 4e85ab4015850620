import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Where the built app goes: under `build/`, which git, ESLint, Prettier and vitest ignore. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../build/app/', import.meta.url));

const SOURCE_DIR = fileURLToPath(new URL('../', import.meta.url));

/** The sizes of what a browser downloads on first load, to keep the app small. */
export interface WebAppBuild {
  readonly outDir: string;
  /** Paths of the bundle files, relative to `outDir`. */
  readonly script: string;
  readonly stylesheet: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/**
 * Writes a file through a temporary name, so a server reading `outDir` while another build
 * runs (parallel test files, a restart) never sees half a file.
 */
async function writeAtomically(file: string, contents: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${String(process.pid)}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, file);
}

/**
 * Bundles the app (minified, with source maps, content-hashed names so they can be cached
 * forever) into `outDir`, then writes index.html pointing at those names. index.html is
 * written last: whoever sees it finds the files it names.
 */
export async function buildWebApp(outDir: string = WEB_DIST_DIR): Promise<WebAppBuild> {
  const result = await build({
    entryPoints: [path.join(SOURCE_DIR, 'main.tsx'), path.join(SOURCE_DIR, 'styles.css')],
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    format: 'esm',
    target: ['es2022'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: 'assets/[name]-[hash]',
    outdir: outDir,
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  let script = '';
  let stylesheet = '';
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of result.outputFiles) {
    const relative = path.relative(outDir, file.path).split(path.sep).join('/');
    await writeAtomically(file.path, file.contents);
    if (relative.endsWith('.map')) continue;
    if (relative.endsWith('.js')) script = relative;
    if (relative.endsWith('.css')) stylesheet = relative;
    bytes += file.contents.byteLength;
    gzipBytes += gzipSync(file.contents).byteLength;
  }
  const template = await readFile(path.join(SOURCE_DIR, 'index.html'), 'utf8');
  const html = template
    .replace('/assets/main.js', `/${script}`)
    .replace('/assets/styles.css', `/${stylesheet}`);
  await writeAtomically(path.join(outDir, 'index.html'), html);
  return { outDir, script, stylesheet, bytes, gzipBytes };
}
