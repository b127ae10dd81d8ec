/**
 * Keeps out of the series viewer's first-slice chunk the parts of Cornerstone's packages that no
 * slice drawn here runs, so V8 has less to compile before Cornerstone's init (the cold first
 * slice waits on that compile):
 * - the image loader's codecs and worker-side decode: its package declares no `sideEffects`, so
 *   its barrel kept every decoder (~330 kB of codec glue) on the page, though decoding happens
 *   in the decode workers, which are built on their own and keep them all;
 * - core's VTP mesh reader (vtk.js's XML reader with xmlbuilder2, @oozcitak/dom and js-yaml,
 *   ~500 kB): core's `Mesh` constructs every reader kind, and this app loads no surface meshes, so
 *   the XML one is a stub that says so if ever asked.
 * Build only (the dev server does not tree-shake); `firstSliceStaysLean` fails the build if any of
 * it comes back into that chunk.
 */
import type { Plugin } from 'vite';
import { packageOf } from './entryStaysLean';

const MESH_MODULE = /@cornerstonejs\/core\/dist\/esm\/cache\/classes\/Mesh\.js$/;
const VTP_READER = '@kitware/vtk.js/IO/XML/XMLPolyDataReader.js';
const VTP_STUB_ID = '\0mejirushi:no-vtp-mesh-reader';
const VTP_STUB = `export default { newInstance() { throw new Error('VTP surface meshes are not part of this build (vite/firstSliceTrim.ts)'); } };`;

const normalised = (id: string) => id.split('?')[0]!.replaceAll('\\', '/');

export function isImageLoaderModule(id: string): boolean {
  return packageOf(id) === '@cornerstonejs/dicom-image-loader';
}

export function isMeshModule(id: string): boolean {
  return MESH_MODULE.test(normalised(id));
}

/** Throws if core's Mesh no longer imports the VTP reader this stubs (then the stub does nothing). */
export function assertMeshImportsVtpReader(code: string): void {
  if (code.includes(`from '${VTP_READER}'`)) return;
  throw new Error(
    `mejirushi:first-slice-trim: @cornerstonejs/core's cache/classes/Mesh.js no longer imports '${VTP_READER}'. ` +
      'Cornerstone changed: check what it loads for meshes now and update or remove vite/firstSliceTrim.ts.',
  );
}

export function firstSliceTrim(): Plugin {
  return {
    name: 'mejirushi:first-slice-trim',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === VTP_READER && importer && isMeshModule(importer)) return VTP_STUB_ID;
      return null;
    },
    load(id) {
      return id === VTP_STUB_ID ? VTP_STUB : null;
    },
    transform(code, id) {
      if (isMeshModule(id)) assertMeshImportsVtpReader(code);
      // Only what the page uses of the loader stays; the decode worker's bundle is separate.
      return isImageLoaderModule(id) ? { moduleSideEffects: false } : null;
    },
  };
}
