/**
 * Writes small ONNX graphs from code: the models the project builds itself (scripts/build-models.ts)
 * and the tiny models tests run. A thin layer over the ONNX protobuf schema (onnx-proto), so a
 * graph reads as a list of nodes, not as nested protobuf messages.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** ONNX TensorProto.DataType codes of the dtypes used here. */
const ELEM_TYPE = { float32: 1, uint8: 2, int32: 6, int64: 7, bool: 9 } as const;
export type GraphDtype = keyof typeof ELEM_TYPE;

/** A graph input or output: a name, a dtype and dims (a string names a free dimension). */
export function valueInfo(name: string, dtype: GraphDtype, dims: readonly (number | string)[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ELEM_TYPE[dtype],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/** A constant weight tensor. */
export function floatTensor(name: string, dims: readonly number[], values: readonly number[]): onnxProto.onnx.ITensorProto {
  return { name, dataType: ELEM_TYPE.float32, dims: [...dims], floatData: [...values] };
}

export function int64Tensor(name: string, dims: readonly number[], values: readonly number[]): onnxProto.onnx.ITensorProto {
  return { name, dataType: ELEM_TYPE.int64, dims: [...dims], int64Data: [...values] };
}

type AttributeValue = number | readonly number[] | string | onnxProto.onnx.ITensorProto;

function attribute(name: string, value: AttributeValue, integer: boolean): onnxProto.onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') return integer ? { name, type: AttributeType.INT, i: value } : { name, type: AttributeType.FLOAT, f: value };
  if (Array.isArray(value)) return integer ? { name, type: AttributeType.INTS, ints: [...value] } : { name, type: AttributeType.FLOATS, floats: [...value] };
  return { name, type: AttributeType.TENSOR, t: value as onnxProto.onnx.ITensorProto };
}

export interface NodeSpec {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Float attributes (ONNX FLOAT/FLOATS), strings and tensors. */
  readonly attributes?: Readonly<Record<string, AttributeValue>>;
  /** Integer attributes (ONNX INT/INTS): `axis`, `keepdims`, `kernel_shape`… */
  readonly intAttributes?: Readonly<Record<string, number | readonly number[]>>;
  readonly name?: string;
}

export function node(spec: NodeSpec): onnxProto.onnx.INodeProto {
  const attrs = [
    ...Object.entries(spec.attributes ?? {}).map(([k, v]) => attribute(k, v, false)),
    ...Object.entries(spec.intAttributes ?? {}).map(([k, v]) => attribute(k, v, true)),
  ];
  return { opType: spec.op, input: [...spec.inputs], output: [...spec.outputs], attribute: attrs, ...(spec.name ? { name: spec.name } : {}) };
}

export interface GraphSpec {
  readonly name: string;
  readonly opset: number;
  readonly nodes: readonly onnxProto.onnx.INodeProto[];
  readonly inputs: readonly onnxProto.onnx.IValueInfoProto[];
  readonly outputs: readonly onnxProto.onnx.IValueInfoProto[];
  readonly initializers?: readonly onnxProto.onnx.ITensorProto[];
  /** Stored in the model's doc string: what it is, for anyone who opens the file. */
  readonly description?: string;
}

/** The serialized ONNX model (IR version 8, default domain at `opset`). */
export function buildModel(spec: GraphSpec): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'mejirushi',
    opsetImport: [{ domain: '', version: spec.opset }],
    docString: spec.description ?? '',
    graph: {
      name: spec.name,
      node: [...spec.nodes],
      input: [...spec.inputs],
      output: [...spec.outputs],
      initializer: [...(spec.initializers ?? [])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
