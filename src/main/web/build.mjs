// Builds the scanner into the service's classpath (default ../../../target/classes/web/scan):
// one bundled, minified script and stylesheet, the page, the manifest, and the service worker,
// whose cache is named after a hash of everything else so a new build replaces the old files.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '../../../target/classes/web/scan'));
mkdirSync(out, { recursive: true });

const common = { bundle: true, minify: true, target: ['chrome90', 'safari15', 'firefox90'], legalComments: 'eof', logLevel: 'warning' };
await build({ ...common, entryPoints: [join(here, 'src/app.js')], format: 'esm', outfile: join(out, 'app.js') });
await build({ ...common, entryPoints: [join(here, 'src/app.css')], outfile: join(out, 'app.css') });
for (const file of ['index.html', 'manifest.webmanifest', 'icon.svg']) {
  copyFileSync(join(here, 'src', file), join(out, file));
}

const files = ['index.html', 'app.js', 'app.css', 'manifest.webmanifest', 'icon.svg'];
const hash = createHash('sha256');
files.forEach(f => hash.update(readFileSync(join(out, f))));
const assets = files.map(f => (f === 'index.html' ? '/scan/' : '/scan/' + f));
await build({
  ...common,
  entryPoints: [join(here, 'src/sw.js')],
  outfile: join(out, 'sw.js'),
  define: { VERSION: JSON.stringify(hash.digest('hex').slice(0, 16)), ASSETS: JSON.stringify(assets) },
});
console.log(`scanner built into ${out}`);
