#!/usr/bin/env python3
"""NVML's own energy counter as the truth for `empreinte run` on a real NVIDIA GPU.

Two roles, used by scripts/gpu-check.sh:

  gpu-check.py truth --out FILE -- CMD ARGS...
      reads nvmlDeviceGetTotalEnergyConsumption (mJ since the driver loaded) of every GPU, twice
      (--idle-seconds apart: their power before CMD), runs CMD, reads the counters again and writes
      {gpus, energyJ, perGpuJ, seconds, idleW} to FILE.
  gpu-check.py train --seconds N
      a small PyTorch training loop (an MLP on random data, AdamW, bf16 autocast) on cuda:0 for
      about N seconds; with --dry-run, a CPU loop of the same length stands in for it (no PyTorch).

NVML comes from pynvml (the nvidia-ml-py package) where it is installed, else from the C library
through ctypes (EMPREINTE_NVML_LIB, default libnvidia-ml.so.1): the same entry point either way.
"""
import argparse
import ctypes
import json
import os
import subprocess
import sys
import time


class Nvml:
    """The few NVML calls the truth needs."""

    def __init__(self, force_ctypes: bool):
        self.pynvml = None
        if not force_ctypes:
            try:
                import pynvml  # type: ignore

                pynvml.nvmlInit()
                self.pynvml = pynvml
                return
            except Exception:  # not installed, or no driver: try the library directly
                self.pynvml = None
        path = os.environ.get("EMPREINTE_NVML_LIB") or "libnvidia-ml.so.1"
        self.lib = ctypes.CDLL(path)
        self._check(self.lib.nvmlInit_v2(), "nvmlInit_v2")

    @staticmethod
    def _check(code: int, what: str) -> None:
        if code != 0:
            raise RuntimeError(f"{what} failed with NVML error {code}")

    def count(self) -> int:
        if self.pynvml:
            return self.pynvml.nvmlDeviceGetCount()
        n = ctypes.c_uint(0)
        self._check(self.lib.nvmlDeviceGetCount_v2(ctypes.byref(n)), "nvmlDeviceGetCount_v2")
        return n.value

    def _handle(self, index: int):
        if self.pynvml:
            return self.pynvml.nvmlDeviceGetHandleByIndex(index)
        handle = ctypes.c_void_p()
        self._check(self.lib.nvmlDeviceGetHandleByIndex_v2(index, ctypes.byref(handle)), "GetHandleByIndex")
        return handle

    def name(self, index: int) -> str:
        if self.pynvml:
            name = self.pynvml.nvmlDeviceGetName(self._handle(index))
            return name.decode() if isinstance(name, bytes) else name
        buf = ctypes.create_string_buffer(96)
        self._check(self.lib.nvmlDeviceGetName(self._handle(index), buf, 96), "nvmlDeviceGetName")
        return buf.value.decode()

    def energy_mj(self, index: int) -> int:
        if self.pynvml:
            return int(self.pynvml.nvmlDeviceGetTotalEnergyConsumption(self._handle(index)))
        mj = ctypes.c_ulonglong(0)
        code = self.lib.nvmlDeviceGetTotalEnergyConsumption(self._handle(index), ctypes.byref(mj))
        self._check(code, "nvmlDeviceGetTotalEnergyConsumption (needs Volta or later)")
        return mj.value


def truth(args: argparse.Namespace) -> int:
    nvml = Nvml(force_ctypes=args.dry_run)
    gpus = list(range(nvml.count()))
    if not gpus:
        print("gpu-check: NVML lists no GPU", file=sys.stderr)
        return 1
    names = [nvml.name(i) for i in gpus]
    # The GPUs' power before the command: what they draw while empreinte starts and stops.
    before = [nvml.energy_mj(i) for i in gpus]
    t_idle = time.monotonic()
    time.sleep(args.idle_seconds)
    start = [nvml.energy_mj(i) for i in gpus]
    t0 = time.monotonic()
    idle_w = sum((b - a) / 1000 for a, b in zip(before, start)) / (t0 - t_idle)
    status = subprocess.call(args.command)
    seconds = time.monotonic() - t0
    end = [nvml.energy_mj(i) for i in gpus]
    per_gpu = [(b - a) / 1000 for a, b in zip(start, end)]
    with open(args.out, "w") as f:
        json.dump(
            {"gpus": names, "perGpuJ": per_gpu, "energyJ": sum(per_gpu), "seconds": seconds, "idleW": idle_w, "status": status},
            f,
        )
    return status


def train(args: argparse.Namespace) -> int:
    deadline = time.monotonic() + args.seconds
    if args.dry_run:
        steps = 0
        while time.monotonic() < deadline:
            sum(i * i for i in range(10_000))
            steps += 1
        print(f"dry run: {steps} CPU steps in {args.seconds:g} s (no GPU, no PyTorch)", flush=True)
        return 0
    import torch  # noqa: PLC0415 (only the real run needs it)

    torch.manual_seed(0)
    device = torch.device("cuda:0")
    width = 4096
    model = torch.nn.Sequential(
        torch.nn.Linear(width, width), torch.nn.GELU(), torch.nn.Linear(width, width), torch.nn.GELU(),
        torch.nn.Linear(width, 1024),
    ).to(device)
    optimiser = torch.optim.AdamW(model.parameters(), lr=1e-4)
    x = torch.randn(8192, width, device=device)
    y = torch.randn(8192, 1024, device=device)
    marks = os.environ.get("EMPREINTE_MARKS")
    steps = 0
    while time.monotonic() < deadline:
        with torch.autocast("cuda", dtype=torch.bfloat16):
            loss = torch.nn.functional.mse_loss(model(x), y)
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
        steps += 1
        if steps % 200 == 0:
            torch.cuda.synchronize()
            print(f"step {steps}, loss {loss.item():.4f}", flush=True)
    torch.cuda.synchronize()
    tokens = steps * x.shape[0]
    if marks:
        with open(marks, "a") as f:
            f.write(json.dumps({"label": "training", "tokens": tokens}) + "\n")
    print(f"trained {steps} steps ({tokens} samples) in {args.seconds:g} s on {torch.cuda.get_device_name(0)}", flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="role", required=True)
    t = sub.add_parser("truth")
    t.add_argument("--out", required=True)
    t.add_argument("--dry-run", action="store_true")
    t.add_argument("--idle-seconds", type=float, default=2)
    t.add_argument("command", nargs=argparse.REMAINDER)
    r = sub.add_parser("train")
    r.add_argument("--seconds", type=float, default=60)
    r.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    if args.role == "truth":
        if args.command and args.command[0] == "--":
            args.command = args.command[1:]
        return truth(args)
    return train(args)


if __name__ == "__main__":
    sys.exit(main())
