import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { assertMeshImportsVtpReader, firstSliceTrim, isImageLoaderModule, isMeshModule } from './firstSliceTrim';

const MESH_PATH = fileURLToPath(new URL('../node_modules/@cornerstonejs/core/dist/esm/cache/classes/Mesh.js', import.meta.url));

describe('the module tests', () => {
  it('holds for the installed Cornerstone and fails loudly for another Mesh source', () => {
    expect(() => assertMeshImportsVtpReader(readFileSync(MESH_PATH, 'utf8'))).not.toThrow();
    expect(() => assertMeshImportsVtpReader('export class Mesh {}')).toThrow(/mejirushi:first-slice-trim.*Cornerstone changed/);
  });

  it('matches modules whatever the path style or query', () => {
    expect(isMeshModule(`${MESH_PATH}?v=1`)).toBe(true);
    expect(isMeshModule(MESH_PATH.replaceAll('/', '\\'))).toBe(true);
    expect(isMeshModule(MESH_PATH.replace('Mesh.js', 'Surface.js'))).toBe(false);
    expect(isImageLoaderModule('/w/node_modules/@cornerstonejs/dicom-image-loader/dist/esm/index.js')).toBe(true);
    expect(isImageLoaderModule('/w/node_modules/@cornerstonejs/core/dist/esm/index.js')).toBe(false);
  });
});

describe('firstSliceTrim in a real build', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const pkg = (name: string) => JSON.stringify({ name, type: 'module', main: 'index.js' });
  // Stand-ins with the shapes that matter: a loader barrel with a side-effectful codec behind it, no
  // `sideEffects` field; core's Mesh importing the VTP reader by its full path.
  const FILES = {
    'index.html': '<!doctype html><script type="module" src="/src/main.ts"></script>',
    'node_modules/@cornerstonejs/dicom-image-loader/package.json': pkg('@cornerstonejs/dicom-image-loader'),
    'node_modules/@cornerstonejs/dicom-image-loader/index.js': "export { init } from './init.js';\nexport { decoders } from './decoders.js';",
    'node_modules/@cornerstonejs/dicom-image-loader/init.js': "export const init = () => 'LOADER_INIT';",
    'node_modules/@cornerstonejs/dicom-image-loader/decoders.js': "globalThis.codecGlue = 'CODEC_GLUE';\nexport const decoders = {};",
    'node_modules/@cornerstonejs/core/package.json': pkg('@cornerstonejs/core'),
    'node_modules/@cornerstonejs/core/index.js': "export { Mesh } from './dist/esm/cache/classes/Mesh.js';",
    'node_modules/@cornerstonejs/core/dist/esm/cache/classes/Mesh.js':
      "import vtkXMLPolyDataReader from '@kitware/vtk.js/IO/XML/XMLPolyDataReader.js';\nexport class Mesh { constructor() { this.reader = vtkXMLPolyDataReader.newInstance(); } }",
    'node_modules/@kitware/vtk.js/package.json': JSON.stringify({ name: '@kitware/vtk.js', type: 'module' }),
    'node_modules/@kitware/vtk.js/IO/XML/XMLPolyDataReader.js': "export default { newInstance: () => 'XML_READER_BODY' };",
    'src/main.ts': "import { init } from '@cornerstonejs/dicom-image-loader';\nimport { Mesh } from '@cornerstonejs/core';\nconsole.log(init(), Mesh);",
  };

  async function bundleText(withTrim: boolean): Promise<string> {
    root = mkdtempSync(join(tmpdir(), 'mejirushi-first-slice-trim-'));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const output = (await build({ root, configFile: false, logLevel: 'silent', plugins: withTrim ? [firstSliceTrim()] : [], build: { write: false, minify: false } })) as Rollup.RollupOutput;
    return output.output.flatMap((file) => (file.type === 'chunk' ? [file.code] : [])).join('\n');
  }

  it('drops the loader code the page does not use and stubs the VTP reader', async () => {
    const code = await bundleText(true);
    expect(code).toContain('LOADER_INIT');
    expect(code).not.toContain('CODEC_GLUE');
    expect(code).not.toContain('XML_READER_BODY');
    expect(code).toContain('VTP surface meshes are not part of this build');
  });

  it('keeps both without it (what the stand-ins are meant to show)', async () => {
    const code = await bundleText(false);
    expect(code).toContain('CODEC_GLUE');
    expect(code).toContain('XML_READER_BODY');
  });
});
