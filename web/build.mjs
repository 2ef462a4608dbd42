// Builds the sandbox front end into dist/ (or the folder given as the first
// argument: the CMake build writes into its build folder): one bundled
// script, one style sheet and the page. Everything the page needs is in that
// folder, so nothing is loaded from the internet at run time.
//   node build.mjs [OUT_DIR]
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.argv[2] ? resolve(process.argv[2]) : join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: [join(here, 'src/main.ts')],
  bundle: true,
  minify: true,
  sourcemap: false,
  target: ['es2020'],
  format: 'iife',
  outfile: join(dist, 'app.js'),
  logLevel: 'warning',
});
await build({
  entryPoints: [join(here, 'src/styles.css')],
  bundle: true,
  minify: true,
  outfile: join(dist, 'app.css'),
  logLevel: 'warning',
});
copyFileSync(join(here, 'index.html'), join(dist, 'index.html'));
console.log(`front end built in ${dist}`);
