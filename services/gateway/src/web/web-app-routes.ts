import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceApp } from '@pyairtable/kit';

/** Paths that belong to the API and the platform, never to the web app's fallback. */
const RESERVED = /^\/(api|mcp|ws|\.well-known|livez|readyz|metrics)(\/|$|\?)/;

const BUILD_HINT =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>PyAirtable</title></head>' +
  '<body><h1>The web app is not built</h1><p>Build it with <code>npm run build -w ' +
  '@pyairtable/web</code> (or <code>node services/web/build.ts</code>) and restart the ' +
  'gateway.</p></body></html>';

/**
 * Where the web app package is. Found through the package, not imported: the gateway serves
 * its files but runs none of its code (services never import each other).
 */
function webPackageDir(): string | null {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('@pyairtable/web/package.json'));
  } catch {
    return null;
  }
}

// A checkout updated since the last build (git pull, an edit) must not serve the old app.
function sourcesNewerThan(sourceDir: string, builtAtMs: number): boolean {
  return readdirSync(sourceDir, { recursive: true, withFileTypes: true }).some(
    (entry) =>
      entry.isFile() && statSync(path.join(entry.parentPath, entry.name)).mtimeMs > builtAtMs,
  );
}

/**
 * The built app's folder, built now if missing or older than its sources so `npm start` on a fresh checkout just works
 * (esbuild takes well under a second); `null` when it cannot be built (a production image
 * without dev dependencies, say), and then `/` explains how to build it.
 */
async function ensureBuilt(app: ServiceApp): Promise<string | null> {
  const packageDir = webPackageDir();
  if (packageDir === null) return null;
  const distDir = path.join(packageDir, 'build', 'app');
  const built = path.join(distDir, 'index.html');
  if (
    existsSync(built) &&
    !sourcesNewerThan(path.join(packageDir, 'src'), statSync(built).mtimeMs)
  ) {
    return distDir;
  }
  app.log.info({ distDir }, 'building the web app');
  try {
    await promisify(execFile)(process.execPath, [path.join(packageDir, 'build.ts')], {
      cwd: packageDir,
      timeout: 60_000,
    });
  } catch (error) {
    app.log.warn({ err: error }, 'the web app could not be built');
    return null;
  }
  return existsSync(path.join(distDir, 'index.html')) ? distDir : null;
}

/**
 * Serves the web app at `/`: content-hashed files under `/assets/` cached for a year, and
 * index.html (never cached, so a deploy reaches every tab on reload) for `/` and any other
 * page path, so links into the app like `/w/wsp_1/chat/ses_2` load it. API and platform
 * paths keep their problem+json 404.
 */
export async function webAppRoutes(app: ServiceApp): Promise<void> {
  const distDir = await ensureBuilt(app);
  const sendIndex = (_request: FastifyRequest, reply: FastifyReply) => {
    if (distDir === null) return reply.code(503).type('text/html; charset=utf-8').send(BUILD_HINT);
    return reply.sendFile('index.html', distDir);
  };
  if (distDir !== null) {
    await app.register(fastifyStatic, {
      root: path.join(distDir, 'assets'),
      prefix: '/assets/',
      cacheControl: false,
      // Applies to sendFile(index.html) too, which must be revalidated on every load.
      setHeaders: (reply, filePath) => {
        reply.header(
          'cache-control',
          filePath.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        );
      },
    });
  }
  app.get('/', { schema: { hide: true } }, sendIndex);
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const pathname = request.url.split('?')[0] ?? request.url;
    // A missing file (a stale hashed asset, /favicon.ico) is a 404, not the app's page.
    const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1);
    if (RESERVED.test(pathname) || lastSegment.includes('.')) {
      reply.callNotFound();
      return reply;
    }
    return sendIndex(request, reply);
  });
}
