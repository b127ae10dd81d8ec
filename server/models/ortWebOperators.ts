/**
 * Operators onnxruntime-web's WASM backend runs: the kernels of onnxruntime's CPU execution
 * provider, which is what the WASM build compiles. Source: onnxruntime `docs/OperatorKernels.md`,
 * section "Operators implemented by CPUExecutionProvider" (microsoft/onnxruntime, main at commit
 * 001d12d2, read for onnxruntime-web 1.30), domains ai.onnx and com.microsoft. Only operator names
 * are kept: a model that passes here can still meet a kernel missing for one dtype or opset, which
 * the worker reports when it loads the model. Review this list when onnxruntime-web is upgraded.
 */

/** The newest default-domain opset accepted (what onnxruntime-web's kernels are known to cover). */
export const MAX_DEFAULT_OPSET = 21;

/** ai.onnx (the default domain, written '' or 'ai.onnx' in a model). */
export const ORT_WEB_ONNX_OPERATORS: ReadonlySet<string> = new Set([
  'Abs', 'Acos', 'Acosh', 'Add', 'AffineGrid', 'And', 'ArgMax', 'ArgMin', 'Asin', 'Asinh', 'Atan', 'Atanh',
  'AveragePool', 'BatchNormalization', 'BitShift', 'BitwiseAnd', 'BitwiseNot', 'BitwiseOr', 'BitwiseXor',
  'BlackmanWindow', 'Cast', 'CastLike', 'Ceil', 'Celu', 'CenterCropPad', 'Clip', 'Col2Im', 'Compress', 'Concat',
  'ConcatFromSequence', 'Constant', 'ConstantOfShape', 'Conv', 'ConvInteger', 'ConvTranspose', 'Cos', 'Cosh',
  'CumSum', 'DFT', 'DeformConv', 'DepthToSpace', 'DequantizeLinear', 'Det', 'Div', 'Dropout', 'DynamicQuantizeLinear',
  'Einsum', 'Elu', 'Equal', 'Erf', 'Exp', 'Expand', 'EyeLike', 'Flatten', 'Floor', 'GRU', 'Gather', 'GatherElements',
  'GatherND', 'Gelu', 'Gemm', 'GlobalAveragePool', 'GlobalLpPool', 'GlobalMaxPool', 'Greater', 'GreaterOrEqual',
  'GridSample', 'GroupNormalization', 'HammingWindow', 'HannWindow', 'HardSigmoid', 'HardSwish', 'Hardmax', 'Identity',
  'If', 'InstanceNormalization', 'IsInf', 'IsNaN', 'LRN', 'LSTM', 'LayerNormalization', 'LeakyRelu', 'Less',
  'LessOrEqual', 'Log', 'LogSoftmax', 'Loop', 'LpNormalization', 'LpPool', 'MatMul', 'MatMulInteger', 'Max',
  'MaxPool', 'MaxRoiPool', 'MaxUnpool', 'Mean', 'MeanVarianceNormalization', 'MelWeightMatrix', 'Min', 'Mish', 'Mod',
  'Mul', 'Multinomial', 'Neg', 'NonMaxSuppression', 'NonZero', 'Not', 'OneHot', 'Optional', 'OptionalGetElement',
  'OptionalHasElement', 'Or', 'PRelu', 'Pad', 'Pow', 'QLinearConv', 'QLinearMatMul', 'QuantizeLinear', 'RNN',
  'RandomNormal', 'RandomNormalLike', 'RandomUniform', 'RandomUniformLike', 'Range', 'Reciprocal', 'ReduceL1',
  'ReduceL2', 'ReduceLogSum', 'ReduceLogSumExp', 'ReduceMax', 'ReduceMean', 'ReduceMin', 'ReduceProd', 'ReduceSum',
  'ReduceSumSquare', 'Relu', 'Reshape', 'Resize', 'ReverseSequence', 'RoiAlign', 'Round', 'STFT', 'Scan', 'Scatter',
  'ScatterElements', 'ScatterND', 'Selu', 'SequenceAt', 'SequenceConstruct', 'SequenceEmpty', 'SequenceErase',
  'SequenceInsert', 'SequenceLength', 'Shape', 'Shrink', 'Sigmoid', 'Sign', 'Sin', 'Sinh', 'Size', 'Slice', 'Softmax',
  'Softplus', 'Softsign', 'SpaceToDepth', 'Split', 'SplitToSequence', 'Sqrt', 'Squeeze', 'StringNormalizer', 'Sub',
  'Sum', 'Tan', 'Tanh', 'TfIdfVectorizer', 'ThresholdedRelu', 'Tile', 'TopK', 'Transpose', 'Trilu', 'Unique',
  'Unsqueeze', 'Upsample', 'Where', 'Xor',
]);

/** com.microsoft contrib operators of the CPU provider that exported and optimised vision models use. */
export const ORT_WEB_MICROSOFT_OPERATORS: ReadonlySet<string> = new Set([
  'Attention', 'BiasGelu', 'DynamicQuantizeMatMul', 'FastGelu', 'FusedConv', 'FusedGemm', 'FusedMatMul', 'Gelu',
  'MatMulInteger16', 'MatMulIntegerToFloat', 'MatMulNBits', 'MultiHeadAttention', 'NhwcMaxPool', 'QLinearAdd',
  'QLinearAveragePool', 'QLinearConcat', 'QLinearGlobalAveragePool', 'QLinearLeakyRelu', 'QLinearMul',
  'QLinearSigmoid', 'QuickGelu', 'SkipLayerNormalization',
]);

export const DEFAULT_DOMAINS: ReadonlySet<string> = new Set(['', 'ai.onnx']);
export const MICROSOFT_DOMAIN = 'com.microsoft';
