/**
 * Whether ONNX files are the model their manifest describes and onnxruntime-web can run them:
 * checked before a file enters the blob store, so a refused model costs nothing and its admin reads
 * every reason at once.
 */
import { createHash } from 'node:crypto';
import type { ModelFile, ModelManifest, TensorSpec } from '../../src/core/models/manifest';
import { inspectOnnx, type OnnxInspection, type OnnxTensorInfo } from './onnxInspect';
import { DEFAULT_DOMAINS, MAX_DEFAULT_OPSET, MICROSOFT_DOMAIN, ORT_WEB_MICROSOFT_OPERATORS, ORT_WEB_ONNX_OPERATORS } from './ortWebOperators';

/** Largest ONNX file accepted unless configured otherwise: what a browser tab can hold with room to run it. */
export const DEFAULT_MAX_MODEL_BYTES = 512 * 1024 * 1024;

export type ModelFileRole = 'model' | 'encoder' | 'decoder';

/** The files a manifest names, in the order an upload sends them. */
export function manifestFiles(manifest: ModelManifest): readonly { readonly role: ModelFileRole; readonly file: ModelFile }[] {
  const { files } = manifest;
  if (files.kind === 'single') return [{ role: 'model', file: files.model }];
  if (files.kind === 'encoderDecoder') {
    return [
      { role: 'encoder', file: files.encoder },
      { role: 'decoder', file: files.decoder },
    ];
  }
  return [];
}

export interface CheckOptions {
  readonly maxBytes?: number;
}

/**
 * Every reason `files` (bytes by role) are not the manifest's model; empty when they are. For an
 * encoder + decoder each manifest tensor must be an input (or output) of one of the two graphs.
 */
export function checkModelAgainstManifest(manifest: ModelManifest, files: Readonly<Partial<Record<ModelFileRole, Uint8Array>>>, options: CheckOptions = {}): string[] {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MODEL_BYTES;
  const reasons: string[] = [];
  const inspections: OnnxInspection[] = [];
  for (const { role, file } of manifestFiles(manifest)) {
    const bytes = files[role];
    if (!bytes) {
      reasons.push(`the ${role} file is missing`);
      continue;
    }
    const fileReasons = checkFile(role, file, bytes, maxBytes);
    if (fileReasons.length > 0) {
      reasons.push(...fileReasons);
      continue;
    }
    const inspection = inspectOnnx(bytes);
    if (!inspection.ok) {
      reasons.push(...inspection.errors.map((e) => `${role} file: ${e}`));
      continue;
    }
    reasons.push(...checkRuntime(role, inspection.value), ...checkGraphInputsListed(role, manifest, inspection.value));
    inspections.push(inspection.value);
  }
  if (inspections.length === manifestFiles(manifest).length && inspections.length > 0) {
    reasons.push(...checkTensors(manifest.inputs, inspections.flatMap((i) => i.inputs), 'input'));
    reasons.push(...checkTensors(manifest.outputs, inspections.flatMap((i) => i.outputs), 'output'));
    const lowest = Math.min(...inspections.map((i) => i.opsets[''] ?? Number.POSITIVE_INFINITY));
    if (Number.isFinite(lowest) && lowest !== manifest.opset) {
      reasons.push(`the manifest says opset ${manifest.opset}, but the file imports ONNX opset ${lowest}`);
    }
  }
  return reasons;
}

function checkFile(role: ModelFileRole, file: ModelFile, bytes: Uint8Array, maxBytes: number): string[] {
  if (bytes.byteLength > maxBytes) return [`the ${role} file is ${bytes.byteLength} bytes, more than the ${maxBytes} bytes allowed`];
  const reasons: string[] = [];
  if (bytes.byteLength !== file.bytes) reasons.push(`the ${role} file is ${bytes.byteLength} bytes, but the manifest says ${file.bytes}`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== file.sha256) reasons.push(`the ${role} file's SHA-256 is ${sha256}, but the manifest says ${file.sha256}`);
  return reasons;
}

/** Opset and operators onnxruntime-web's WASM backend runs. */
function checkRuntime(role: ModelFileRole, inspection: OnnxInspection): string[] {
  const reasons: string[] = [];
  const opset = inspection.opsets[''];
  if (opset === undefined) reasons.push(`the ${role} file imports no default ONNX opset`);
  else if (opset > MAX_DEFAULT_OPSET) reasons.push(`the ${role} file uses ONNX opset ${opset}, newer than the ${MAX_DEFAULT_OPSET} onnxruntime-web runs; export it at opset ${MAX_DEFAULT_OPSET} or older`);
  const unsupported: string[] = [];
  const foreign = new Map<string, string[]>();
  for (const { domain, opType } of inspection.operators) {
    if (DEFAULT_DOMAINS.has(domain)) {
      if (!ORT_WEB_ONNX_OPERATORS.has(opType)) unsupported.push(opType);
    } else if (domain === MICROSOFT_DOMAIN) {
      if (!ORT_WEB_MICROSOFT_OPERATORS.has(opType)) unsupported.push(`${domain}.${opType}`);
    } else {
      foreign.set(domain, [...(foreign.get(domain) ?? []), opType]);
    }
  }
  if (unsupported.length > 0) reasons.push(`the ${role} file uses operators onnxruntime-web cannot run: ${unsupported.join(', ')}`);
  for (const [domain, ops] of foreign) {
    reasons.push(`the ${role} file uses operators of the domain "${domain}" (${ops.join(', ')}), which onnxruntime-web does not have`);
  }
  return reasons;
}

/** A graph input the manifest does not list would never be fed: the model could not run. */
function checkGraphInputsListed(role: ModelFileRole, manifest: ModelManifest, inspection: OnnxInspection): string[] {
  const listed = new Set(manifest.inputs.map((t) => t.name));
  // A decoder's inputs include the encoder's outputs, which the worker passes on.
  const fromEncoder = new Set(role === 'decoder' ? manifest.outputs.map((t) => t.name) : []);
  return inspection.inputs
    .filter((t) => !listed.has(t.name) && !fromEncoder.has(t.name))
    .map((t) => `the ${role} file needs an input "${t.name}" (${t.dtype}) that the manifest does not list`);
}

function checkTensors(specs: readonly TensorSpec[], found: readonly OnnxTensorInfo[], kind: 'input' | 'output'): string[] {
  const byName = new Map(found.map((t) => [t.name, t]));
  const reasons: string[] = [];
  for (const spec of specs) {
    const tensor = byName.get(spec.name);
    if (!tensor) {
      const names = found.map((t) => `"${t.name}"`).join(', ');
      reasons.push(`the manifest's ${kind} "${spec.name}" is not in the model, whose ${kind}s are ${names || 'none'}`);
      continue;
    }
    if (tensor.dtype !== spec.dtype) reasons.push(`${kind} "${spec.name}" is ${tensor.dtype} in the model, but ${spec.dtype} in the manifest`);
    if (!tensor.dims) continue;
    if (tensor.dims.length !== spec.shape.length) {
      reasons.push(`${kind} "${spec.name}" has ${tensor.dims.length} dimensions in the model, but ${spec.shape.length} in the manifest`);
      continue;
    }
    spec.shape.forEach((dim, i) => {
      const actual = tensor.dims?.[i];
      if (typeof dim === 'number' && typeof actual === 'number' && dim !== actual) {
        reasons.push(`${kind} "${spec.name}" dimension ${i} is ${actual} in the model, but ${dim} in the manifest`);
      }
    });
  }
  return reasons;
}
