"""Reading and editing TFLite flatbuffers with the schema's object API shipped in ai-edge-litert.

The local voice edits one model in memory (the acoustic model's dropout) and translates another
(the vocoder, to ONNX); both walk operators by kind, read constant tensors and drop operators
nobody reads any more. No library does this for TFLite files without TensorFlow (1.3 GB).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from audiofeature.errors import EngineError

_DTYPES = {0: np.float32, 2: np.int32, 9: np.int8}  # TensorType: FLOAT32, INT32, INT8


def load(model_bytes: bytes) -> Any:
    from ai_edge_litert import schema_py_generated as fb

    return fb.ModelT.InitFromPackedBuf(bytearray(model_bytes), 0)


def op_kind(model: Any, op: Any) -> str:
    """'CONV_2D', 'MIRROR_PAD', … or a custom operator's name ('FlexRandomUniform')."""
    from ai_edge_litert import schema_py_generated as fb

    code = model.operatorCodes[op.opcodeIndex]
    if code.customCode:
        return code.customCode.decode()
    number = max(code.builtinCode, code.deprecatedBuiltinCode)
    return next(
        (k for k, v in vars(fb.BuiltinOperator).items() if v == number and not k.startswith("_")),
        "?",
    )


def constant(model: Any, graph: Any, index: int) -> np.ndarray | None:
    """A tensor's stored value, or None for a tensor computed at run time."""
    tensor = graph.tensors[index]
    data = model.buffers[tensor.buffer].data
    if data is None or len(data) == 0:
        return None
    values = np.frombuffer(bytes(data), _DTYPES[tensor.type])
    return values.reshape([int(n) for n in tensor.shape])


def prune(graph: Any) -> None:
    """Drop operators whose outputs nobody reads, until none is left."""
    ops = list(graph.operators)
    wanted = {int(i) for i in graph.outputs}
    while True:
        read = {int(i) for op in ops for i in op.inputs if int(i) >= 0} | wanted
        kept = [op for op in ops if any(int(o) in read for o in op.outputs)]
        if len(kept) == len(ops):
            break
        ops = kept
    graph.operators = ops


def pack(model: Any, size_hint: int) -> bytes:
    """The model as a flatbuffer again, with operator codes nothing uses dropped."""
    import flatbuffers

    used = sorted({op.opcodeIndex for graph in model.subgraphs for op in graph.operators})
    renumber = {old: new for new, old in enumerate(used)}
    model.operatorCodes = [model.operatorCodes[i] for i in used]
    for graph in model.subgraphs:
        for op in graph.operators:
            op.opcodeIndex = renumber[op.opcodeIndex]
    builder = flatbuffers.Builder(size_hint + 4096)
    builder.Finish(model.Pack(builder), file_identifier=b"TFL3")
    return bytes(builder.Output())


def strip_dropout(model_bytes: bytes) -> bytes:
    """Remove every `RandomUniform` dropout: consumers of `x * scale * mask` read `x` instead."""
    model = load(model_bytes)

    for graph in model.subgraphs:
        ops = list(graph.operators)
        producer = {int(t): op for op in ops for t in op.outputs}

        def only_reader(tensor: int, expected: str, ops: list[Any] = ops) -> Any:
            readers = [op for op in ops if tensor in {int(i) for i in op.inputs}]
            if len(readers) != 1 or op_kind(model, readers[0]) != expected:
                raise EngineError(f"unexpected dropout shape in the acoustic model ({expected})")
            return readers[0]

        replace: dict[int, int] = {}
        for op in ops:
            if op_kind(model, op) not in (
                "FlexRandomUniform",
                "RandomUniform",
                "RANDOM_UNIFORM",
            ):
                continue
            mask = only_reader(int(op.outputs[0]), "GREATER_EQUAL")
            mask = only_reader(int(mask.outputs[0]), "CAST")
            apply = only_reader(int(mask.outputs[0]), "MUL")
            scaled = next(int(i) for i in apply.inputs if int(i) != int(mask.outputs[0]))
            scale = producer[scaled]
            if op_kind(model, scale) != "MUL":
                raise EngineError("unexpected dropout shape in the acoustic model (scale)")
            source = next(int(i) for i in scale.inputs if int(i) in producer)
            replace[int(apply.outputs[0])] = source
        for op in ops:
            op.inputs = np.array([replace.get(int(i), int(i)) for i in op.inputs], dtype=np.int32)
        prune(graph)
    return pack(model, len(model_bytes))
