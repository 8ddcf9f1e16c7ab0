#!/usr/bin/env python3
"""PyTorch's int8 pipeline beside the C# GPU back end, on the models and inputs DaoPlatform.GpuBench wrote.

For each model folder under DIR: per layer torch._int_mm (int8 x int8 -> exact int32), bias, arithmetic right
shift, clamp to 0..127 and cast to int8 for hidden layers, argmax (first maximum) on the output layer; the
predictions must equal every C# path's, bit for bit. Timed two ways: host to host (int8 inputs in host memory,
predictions back in host memory: what the C# back end's Predict does) and on the device (inputs already there).
Prints one table merging DIR/results.json. Without torch (a machine with no GPU) it checks the C# predictions
with a pure-Python evaluation of docs/evaluation.md section 4 instead, to prove the flow.

usage: gpu_bench_torch.py DIR [--reps N]
"""
import array
import json
import os
import statistics
import sys
import time


def load(folder):
    with open(os.path.join(folder, "manifest.json")) as f:
        manifest = json.load(f)
    dims, shifts = manifest["dims"], manifest["shifts"]
    layers = []
    for l in range(len(dims) - 1):
        w = array.array("b")
        with open(os.path.join(folder, f"weights_{l}.bin"), "rb") as f:
            w.frombytes(f.read())
        b = array.array("i")
        with open(os.path.join(folder, f"biases_{l}.bin"), "rb") as f:
            b.frombytes(f.read())
        if sys.byteorder != "little":
            b.byteswap()
        layers.append((w, b, shifts[l]))
    x = array.array("b")
    with open(os.path.join(folder, "inputs.bin"), "rb") as f:
        x.frombytes(f.read())
    ours = {}
    for name in sorted(os.listdir(folder)):
        if name.startswith("pred_") and name.endswith(".bin"):
            p = array.array("i")
            with open(os.path.join(folder, name), "rb") as f:
                p.frombytes(f.read())
            ours[name[5:-4]] = list(p)
    return manifest, layers, x, ours


def python_predictions(dims, layers, x, samples):
    """Section 4 in plain integers: the flow check where no GPU and no torch are present."""
    out = []
    for s in range(samples):
        h = list(x[s * dims[0]:(s + 1) * dims[0]])
        for l, (w, b, shift) in enumerate(layers):
            n, m = dims[l], dims[l + 1]
            z = [(b[j] + sum(w[j * n + i] * h[i] for i in range(n))) >> shift for j in range(m)]
            h = z if l == len(layers) - 1 else [min(127, max(0, v)) for v in z]
        out.append(h.index(max(h)))
    return out


def round8(v):
    return (v + 7) // 8 * 8


def torch_bench(torch, dims, layers, x, samples, reps):
    import numpy as np
    dev = torch.device("cuda")
    # Weights padded to multiples of 8 (torch._int_mm's rule), zeros in the padding: padded lanes add nothing.
    prepared = []
    for l, (w, b, shift) in enumerate(layers):
        n, m = dims[l], dims[l + 1]
        wp = torch.zeros((round8(m), round8(n)), dtype=torch.int8)
        wp[:m, :n] = torch.from_numpy(np.frombuffer(w, dtype=np.int8).reshape(m, n).copy())
        bp = torch.zeros(round8(m), dtype=torch.int32)
        bp[:m] = torch.from_numpy(np.frombuffer(b, dtype=np.int32).copy())
        wt = wp.to(dev).t()
        try:
            torch._int_mm(torch.zeros((32, wt.shape[0]), dtype=torch.int8, device=dev), wt)
        except RuntimeError:
            wt = wt.contiguous()
        prepared.append((wt, bp.to(dev), shift))
    k0 = round8(dims[0])
    classes = dims[-1]
    host = np.frombuffer(x, dtype=np.int8).reshape(samples, dims[0]).copy()

    def forward(xd):
        h = xd
        for l, (wt, bp, shift) in enumerate(prepared):
            z = torch.bitwise_right_shift(torch._int_mm(h, wt) + bp, shift)
            h = z.clamp_(0, 127).to(torch.int8) if l < len(prepared) - 1 else z
        return h[:, :classes].argmax(dim=1)

    def host_to_host():
        xd = torch.from_numpy(host).to(dev)
        if k0 != dims[0]:
            xd = torch.nn.functional.pad(xd, (0, k0 - dims[0]))
        return forward(xd).to(torch.int32).cpu()

    resident = torch.nn.functional.pad(torch.from_numpy(host).to(dev), (0, k0 - dims[0]))
    with torch.inference_mode():
        predictions = host_to_host().numpy().tolist()
        for _ in range(3):
            host_to_host()
            forward(resident)
        torch.cuda.synchronize()
        h2h = []
        for _ in range(reps):
            t = time.perf_counter()
            host_to_host()
            h2h.append((time.perf_counter() - t) * 1e3)
        on_device = []
        for _ in range(reps):
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            forward(resident)
            end.record()
            end.synchronize()
            on_device.append(start.elapsed_time(end))
    return predictions, statistics.median(h2h), statistics.median(on_device)


def main():
    root = sys.argv[1]
    reps = int(sys.argv[sys.argv.index("--reps") + 1]) if "--reps" in sys.argv else 20
    try:
        import torch
        have_torch = torch.cuda.is_available()
    except ImportError:
        torch, have_torch = None, False
    with open(os.path.join(root, "results.json")) as f:
        results = json.load(f)
    if have_torch:
        print(f"PyTorch {torch.__version__} on {torch.cuda.get_device_name(0)}")
    rows, ok = [], True
    for folder in sorted(d for d in os.listdir(root) if d.startswith("model")):
        manifest, layers, x, ours = load(os.path.join(root, folder))
        dims, samples, name = manifest["dims"], manifest["samples"], manifest["name"]
        peer_sps, reference = None, None
        macs = sum(dims[l] * dims[l + 1] for l in range(len(dims) - 1))
        if have_torch:
            try:
                reference, h2h_ms, dev_ms = torch_bench(torch, dims, layers, x, samples, reps)
                peer_sps = samples / h2h_ms * 1e3
                rows.append((name, "pytorch host->host", "", "", f"{peer_sps:,.0f}", "1.00", "reference"))
                rows.append((name, "pytorch on device", "", "", f"{samples / dev_ms * 1e3:,.0f}", "", "(inputs resident)"))
            except Exception as e:  # noqa: BLE001 - report and go on with the other models
                rows.append((name, "pytorch", "", "", "", "", f"ERROR: {e}"[:80]))
                ok = False
        elif samples * macs <= 50_000_000:
            reference = python_predictions(dims, layers, x, samples)
            rows.append((name, "python reference", "", "", "", "", "reference"))
        for r in (r for r in results if r["model"] == name):
            if "error" in r:
                rows.append((name, r["path"], "", "", "", "", "ERROR: " + r["error"][:60]))
                ok = False
                continue
            sps = r["samples"] / r["median_ms"] * 1e3
            if r["path"].startswith("cpu"):
                rows.append((name, r["path"] + " (2nd run)", "", "", f"{sps:,.0f}", f"{sps / peer_sps:.2f}" if peer_sps else "",
                             "scalar subset" if r["scalar_exact"] else "DIFFERS"))
                ok = ok and r["scalar_exact"]
                continue
            same = reference is None or ours.get(r["path"]) == reference
            exact = same and r["scalar_exact"] and r["paths_exact"]
            ok = ok and exact
            rows.append((name, r["path"], f"{r['compile_ms']:.0f}", f"{r['first_ms']:.1f}", f"{sps:,.0f}",
                         f"{sps / peer_sps:.2f}" if peer_sps else "", "bit-exact" if exact else "DIFFERS"))
    header = ("model", "path", "compile ms", "first call ms", "samples/s", "x PyTorch", "check")
    widths = [max(len(str(row[i])) for row in rows + [header]) for i in range(len(header))]
    for row in [header] + rows:
        print("| " + " | ".join(str(v).ljust(w) for v, w in zip(row, widths)) + " |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
