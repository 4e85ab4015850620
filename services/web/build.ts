// Builds the web app into build/app and prints what a browser downloads on first load.
import { buildWebApp } from './src/index.ts';

const result = await buildWebApp();
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(
  `web app built into ${result.outDir}: ${result.script}, ${result.stylesheet}; ` +
    `${String(result.bytes)} bytes (${kib(result.bytes)}), ` +
    `${String(result.gzipBytes)} bytes gzipped (${kib(result.gzipBytes)})`,
);
