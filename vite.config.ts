import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { EARLY_BOOT_ENTRY, earlyBootScript } from './vite/earlyBootScript';
import { entryStaysLean } from './vite/entryStaysLean';
import { firstSliceStaysLean } from './vite/firstSliceStaysLean';
import { firstSliceTrim } from './vite/firstSliceTrim';
import { j2kSignedness } from './vite/j2kSignedness';
import { jpeg12BitLevelShift } from './vite/jpeg12BitLevelShift';
import { jpegProgressiveRefinement } from './vite/jpegProgressiveRefinement';

/** Multi-threaded decoders (SharedArrayBuffer) need a cross-origin isolated page. */
const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The dataset server the dev server and `vite preview` forward /api to. */
const API_TARGET = process.env.MEJIRUSHI_API_URL ?? 'http://127.0.0.1:8080';

const SERVICE_WORKER_ENTRY = 'sw';
/** Placeholder in src/offline/sw.ts replaced at build time. */
const SERVICE_WORKER_BUILD_ID = '__MEJIRUSHI_BUILD_ID__';

/**
 * `sw.js` keeps a fixed name (the browser re-checks that URL), so its cache version is stamped
 * with a hash of everything else the build emitted: each new build installs a new worker, which
 * drops the previous build's caches.
 */
function stampServiceWorkerBuildId(): Plugin {
  return {
    name: 'mejirushi:sw-build-id',
    apply: 'build',
    generateBundle(_options, bundle) {
      const worker = bundle['sw.js'];
      if (!worker || worker.type !== 'chunk') return;
      const hash = createHash('sha256');
      for (const name of Object.keys(bundle).sort()) {
        const output = bundle[name];
        if (name === 'sw.js' || !output) continue;
        hash.update(name);
        hash.update(output.type === 'chunk' ? output.code : output.source);
      }
      worker.code = worker.code.replaceAll(SERVICE_WORKER_BUILD_ID, hash.digest('hex').slice(0, 16));
    },
  };
}

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  plugins: [react(), stampServiceWorkerBuildId(), jpeg12BitLevelShift(), jpegProgressiveRefinement(), j2kSignedness(), entryStaysLean(), firstSliceTrim(), firstSliceStaysLean(), earlyBootScript(fromRoot('./src/early/earlyBoot.ts'), '/src/early/earlyBoot.ts')],
  optimizeDeps: {
    // The loader starts its decode workers from files next to itself; pre-bundling breaks that.
    exclude: ['@cornerstonejs/dicom-image-loader'],
    include: [
      '@cornerstonejs/core',
      // One metadata instance for core and loader, else "no pixel data in NATURALIZED".
      '@cornerstonejs/metadata',
      '@cornerstonejs/utils',
      'dicom-parser',
      '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
      '@cornerstonejs/codec-charls/decodewasmjs',
      '@cornerstonejs/codec-openjpeg/decodewasmjs',
      '@cornerstonejs/codec-openjph/wasmjs',
    ],
  },
  // The decode worker bundles its own copy of the codecs.
  worker: { format: 'es', plugins: () => [jpeg12BitLevelShift(), jpegProgressiveRefinement(), j2kSignedness()] },
  server: {
    headers: CROSS_ORIGIN_ISOLATION,
    proxy: { '/api': { target: API_TARGET, changeOrigin: false } },
  },
  preview: {
    headers: CROSS_ORIGIN_ISOLATION,
    proxy: { '/api': { target: API_TARGET, changeOrigin: false } },
  },
  build: {
    target: 'es2022',
    // Cornerstone and its codecs are large by nature; they load lazily with the viewer.
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      input: {
        index: fromRoot('./index.html'),
        [SERVICE_WORKER_ENTRY]: fromRoot('./src/offline/sw.ts'),
        [EARLY_BOOT_ENTRY]: fromRoot('./src/early/earlyBoot.ts'),
      },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === SERVICE_WORKER_ENTRY ? 'sw.js' : 'assets/[name]-[hash].js',
      },
    },
  },
});
