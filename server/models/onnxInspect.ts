/**
 * What an ONNX file declares, read from its protobuf (onnx-proto) without running it: the graph's
 * inputs and outputs as a caller feeds them (initializers excluded), the opset imported per
 * domain, and every operator used, subgraphs (If, Loop, Scan bodies) and local functions included.
 */
import onnxProto from 'onnx-proto';
import { fail, ok, type Result } from '../../src/core/result';

const { onnx } = onnxProto;

/** ONNX TensorProto.DataType codes → the names manifests use (the ones the app feeds) or ONNX's own. */
const ELEM_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  16: 'bfloat16',
};

export interface OnnxTensorInfo {
  readonly name: string;
  /** `float32`… or `unknown` when the file does not say (a non-tensor value, a missing type). */
  readonly dtype: string;
  /** A number is fixed, a string names a free dimension, null is a dimension left unnamed; null for an unknown rank. */
  readonly dims: readonly (number | string | null)[] | null;
}

export interface OnnxOperator {
  /** '' for the default ONNX domain. */
  readonly domain: string;
  readonly opType: string;
}

export interface OnnxInspection {
  readonly irVersion: number;
  readonly inputs: readonly OnnxTensorInfo[];
  readonly outputs: readonly OnnxTensorInfo[];
  /** Imported opset version per domain ('' is the default ONNX domain). */
  readonly opsets: Readonly<Record<string, number>>;
  /** Distinct operators, sorted by domain then type. */
  readonly operators: readonly OnnxOperator[];
}

/** The file's declarations, or why it is not an ONNX model. */
export function inspectOnnx(bytes: Uint8Array): Result<OnnxInspection> {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    return fail([`the file is not an ONNX model (its protobuf cannot be read: ${(error as Error).message})`]);
  }
  const graph = model.graph;
  if (!graph || toInt(model.irVersion) === 0 || (model.opsetImport ?? []).length === 0) {
    return fail(['the file is not an ONNX model (it has no graph, IR version or opset)']);
  }
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name ?? ''));
  const opsets: Record<string, number> = {};
  for (const imp of model.opsetImport ?? []) opsets[normaliseDomain(imp.domain ?? '')] = toInt(imp.version);
  return ok({
    irVersion: toInt(model.irVersion),
    inputs: (graph.input ?? []).filter((v) => !initializers.has(v.name ?? '')).map(tensorInfo),
    outputs: (graph.output ?? []).map(tensorInfo),
    opsets,
    operators: operatorsOf(model),
  });
}

/** ONNX writes the default domain as '' or 'ai.onnx'; both mean the same operator set. */
function normaliseDomain(domain: string): string {
  return domain === 'ai.onnx' ? '' : domain;
}

function tensorInfo(value: onnxProto.onnx.IValueInfoProto): OnnxTensorInfo {
  const tensor = value.type?.tensorType;
  const elemType = tensor?.elemType ?? 0;
  return {
    name: value.name ?? '',
    dtype: ELEM_TYPE_NAMES[elemType] ?? 'unknown',
    dims: tensor?.shape ? (tensor.shape.dim ?? []).map(dimOf) : null,
  };
}

function dimOf(dim: onnxProto.onnx.TensorShapeProto.IDimension): number | string | null {
  // Decoded messages say which member of the `value` oneof is set.
  const which = (dim as onnxProto.onnx.TensorShapeProto.Dimension).value;
  if (which === 'dimValue') {
    const n = toInt(dim.dimValue);
    return n > 0 ? n : null;
  }
  return which === 'dimParam' && dim.dimParam ? dim.dimParam : null;
}

/** protobufjs reads int64 fields as Long objects (the `long` package is installed), int32 as numbers. */
function toInt(value: number | { toNumber(): number } | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

/** Every operator node of the main graph, its subgraphs and the model's local functions; calls of a local function count as the function's body. */
function operatorsOf(model: onnxProto.onnx.ModelProto): OnnxOperator[] {
  const localFunctions = new Set((model.functions ?? []).map((f) => `${normaliseDomain(f.domain ?? '')}\u0000${f.name ?? ''}`));
  const found = new Map<string, OnnxOperator>();
  const visit = (nodes: readonly onnxProto.onnx.INodeProto[]): void => {
    for (const node of nodes) {
      const domain = normaliseDomain(node.domain ?? '');
      const key = `${domain}\u0000${node.opType ?? ''}`;
      if (!localFunctions.has(key)) found.set(key, { domain, opType: node.opType ?? '' });
      for (const attribute of node.attribute ?? []) {
        if (attribute.g) visit(attribute.g.node ?? []);
        for (const g of attribute.graphs ?? []) visit(g.node ?? []);
      }
    }
  };
  visit(model.graph?.node ?? []);
  for (const fn of model.functions ?? []) visit(fn.node ?? []);
  return [...found.values()].sort((a, b) => a.domain.localeCompare(b.domain) || a.opType.localeCompare(b.opType));
}
