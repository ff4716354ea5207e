// Builds the pages into the service's classpath (default ../../../target/classes/web): the
// trainer's scanner into scan/ and the report page into reports/, each as one bundled, minified
// script and stylesheet with its page and icon. The scanner also gets its manifest and its service
// worker, whose cache is named after a hash of the scanner's other files so a new build replaces them.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'src');
const out = resolve(process.argv[2] ?? join(here, '../../../target/classes/web'));
const common = { bundle: true, minify: true, target: ['chrome90', 'safari15', 'firefox90'], legalComments: 'eof', logLevel: 'warning' };

/** A page from the app.js, app.css and index.html of a folder, plus other files: [source, name]. */
async function page(name, folder, extra) {
  const target = join(out, name);
  mkdirSync(target, { recursive: true });
  await build({ ...common, entryPoints: [join(folder, 'app.js')], format: 'esm', outfile: join(target, 'app.js') });
  await build({ ...common, entryPoints: [join(folder, 'app.css')], outfile: join(target, 'app.css') });
  for (const [from, to] of [[join(folder, 'index.html'), 'index.html'], ...extra]) {
    copyFileSync(from, join(target, to));
  }
  return target;
}

const icon = [join(src, 'icon.svg'), 'icon.svg'];
const scan = await page('scan', src, [[join(src, 'manifest.webmanifest'), 'manifest.webmanifest'], icon]);
await page('reports', join(src, 'reports'), [icon]);

const files = ['index.html', 'app.js', 'app.css', 'manifest.webmanifest', 'icon.svg'];
const hash = createHash('sha256');
files.forEach(f => hash.update(readFileSync(join(scan, f))));
const assets = files.map(f => (f === 'index.html' ? '/scan/' : '/scan/' + f));
await build({
  ...common,
  entryPoints: [join(src, 'sw.js')],
  outfile: join(scan, 'sw.js'),
  define: { VERSION: JSON.stringify(hash.digest('hex').slice(0, 16)), ASSETS: JSON.stringify(assets) },
});
console.log(`scanner and report page built into ${out}`);
