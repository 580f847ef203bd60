"""Write a training run in @clearbox/dgmtracker's run format (version 1) from Python: numpy only, any framework.

    from clearbox_run import RunRecorder

    recorder = RunRecorder("runs/vae", full=["decoder.0"])
    for step in range(steps):
        loss = train_step()
        recorder.record(step, scalars={"loss": loss}, layers={
            "decoder.0": {"weights": layer.weight.detach().numpy(), "gradients": layer.weight.grad.numpy()},
        })
    recorder.close(meta={"model": "my VAE"})

Then in JavaScript: openRun(directoryStorage("runs/vae")). The format is specified in the package README ("The run
format"): a JSON manifest (the commit point, replaced by rename), a float64 stats table, and per fully kept
(layer, kind) chunks of 16-bit codes between each series' min and max over the chunk. Memory: one chunk.
"""
import json
import os
import struct

import numpy as np

KINDS = ("weights", "gradients", "activations")
LEVELS = 65535


class RunRecorder:
    def __init__(self, folder, full=(), chunk_steps=64, meta=None):
        os.makedirs(folder, exist_ok=True)
        if os.path.exists(os.path.join(folder, "run.json")):
            raise ValueError(f"{folder} already holds a run (run.json): record into an empty folder")
        self.folder, self.full, self.chunk_steps = folder, set(full), chunk_steps
        self.manifest = {"format": "clearbox-run", "version": 1, "steps": 0, "chunkSteps": chunk_steps,
                         "scalars": [], "stats": [], "series": [], "meta": dict(meta or {})}
        self.stats_rows, self.full_rows, self.last_step, self.laid_out = [], [], None, False

    def record(self, step, scalars=None, layers=None):
        scalars, layers = scalars or {}, layers or {}
        if self.last_step is not None and step <= self.last_step:
            raise ValueError(f"step {step} is not after the last recorded ({self.last_step})")
        if not self.laid_out:
            self._layout(scalars, layers)
            self.laid_out = True
        row = np.full(1 + len(self.manifest["scalars"]) + 3 * len(self.manifest["stats"]), np.nan)
        row[0] = step
        for k, name in enumerate(self.manifest["scalars"]):
            row[1 + k] = float(scalars.get(name, np.nan))
        base = 1 + len(self.manifest["scalars"])
        for c, column in enumerate(self.manifest["stats"]):
            values = layers.get(column["layer"], {}).get(column["kind"])
            if values is None:
                continue
            flat = np.asarray(values, dtype=np.float32).ravel()
            if not np.all(np.isfinite(flat)):
                raise ValueError(f"{column['layer']}.{column['kind']} holds values that are not finite")
            row[base + 3 * c: base + 3 * c + 3] = (flat.min(), flat.astype(np.float64).mean(), flat.max())
        self.stats_rows.append(row)
        for rows, entry in zip(self.full_rows, self.manifest["series"]):
            flat = np.asarray(layers[entry["layer"]][entry["kind"]], dtype=np.float32).ravel()
            if flat.size != entry["count"]:
                raise ValueError(f"{entry['layer']}.{entry['kind']} must hold {entry['count']} values at every step")
            rows.append(flat.copy())
        self.last_step = step
        if len(self.stats_rows) == self.chunk_steps:
            self.flush()

    def _layout(self, scalars, layers):
        self.manifest["scalars"] = list(scalars)
        for layer, values in layers.items():
            for kind in KINDS:
                if values.get(kind) is None:
                    continue
                self.manifest["stats"].append({"layer": layer, "kind": kind})
                if layer in self.full:
                    array = np.asarray(values[kind])
                    entry = {"layer": layer, "kind": kind, "count": int(array.size),
                             "file": f"series-{len(self.manifest['series'])}.bin", "chunks": []}
                    if kind != "activations":
                        entry["shape"] = [int(d) for d in array.shape]
                    self.manifest["series"].append(entry)
                    self.full_rows.append([])
        with open(os.path.join(self.folder, "stats.bin"), "ab") as f:
            f.write(b"CBRUNSTATS\0\0" + struct.pack("<I", 1))

    def flush(self):
        if not self.stats_rows:
            return
        start, steps = self.manifest["steps"], len(self.stats_rows)
        with open(os.path.join(self.folder, "stats.bin"), "ab") as f:
            f.write(np.asarray(self.stats_rows, dtype="<f8").tobytes())
        for rows, entry in zip(self.full_rows, self.manifest["series"]):
            block = np.stack(rows)  # steps × count
            low, high = block.min(axis=0), block.max(axis=0)
            span = (high - low).astype(np.float64)
            scale = np.divide(LEVELS, span, out=np.zeros_like(span), where=span > 0)
            codes = np.rint((block - low).astype(np.float64) * scale).astype("<u2").T  # count × steps
            path = os.path.join(self.folder, entry["file"])
            offset = os.path.getsize(path) if os.path.exists(path) else 0
            with open(path, "ab") as f:
                f.write(b"CBRUNCHK" + struct.pack("<IIII", 1, start, steps, entry["count"]) + bytes(8))
                f.write(low.astype("<f4").tobytes() + high.astype("<f4").tobytes() + codes.tobytes())
            entry["chunks"].append({"start": start, "steps": steps, "offset": offset})
            rows.clear()
        self.stats_rows = []
        self.manifest["steps"] = start + steps
        self._write_manifest()

    def close(self, meta=None):
        self.manifest["meta"].update(meta or {})
        self.flush()
        self._write_manifest()

    def _write_manifest(self):
        temporary = os.path.join(self.folder, "run.json.tmp")
        with open(temporary, "w") as f:
            json.dump(self.manifest, f)
        os.replace(temporary, os.path.join(self.folder, "run.json"))
