#!/usr/bin/env python3
"""Independent reference figures for @clearbox/cluster's `leiden`, from leidenalg (Traag's own implementation) on igraph.

Not run by CI: run it by hand after `apt-get install -y python3-igraph python3-leidenalg` with Debian's
/usr/bin/python3, and commit the JSON it writes. It reads the same graph fixtures the tests read.
For each graph: the best quality leidenalg reaches over 20 seeds (iterating until stable), for modularity and for
CPM at a fixed resolution, and the community counts.
"""
import json
import pathlib
import sys

import igraph as ig
import leidenalg as la

root = pathlib.Path(__file__).resolve().parents[2]
fixtures = root / "packages/cluster/test/fixtures"
out = {"generated_by": "scripts/reference/leiden-reference.py",
       "versions": {"igraph": ig.__version__, "leidenalg": la.version, "python": sys.version.split()[0]},
       "graphs": {}}

for name, cpm_resolution in [("karate", 0.1), ("les-miserables", 0.5), ("florentine-families", 0.1)]:
    data = json.loads((fixtures / f"{name}.json").read_text())
    g = ig.Graph(n=data["nodes"], edges=[(u, v) for u, v, _ in data["edges"]])
    g.es["weight"] = [w for _, _, w in data["edges"]]
    best = {}
    for label, kind, extra in [("modularity", la.ModularityVertexPartition, {}),
                               ("cpm", la.CPMVertexPartition, {"resolution_parameter": cpm_resolution})]:
        runs = [la.find_partition(g, kind, weights="weight", n_iterations=-1, seed=s, **extra) for s in range(20)]
        top = max(runs, key=lambda p: p.quality())
        quality = top.quality() if label == "cpm" else g.modularity(top.membership, weights="weight")
        best[label] = {"quality": quality, "communities": len(top), "resolution": cpm_resolution if label == "cpm" else 1}
    out["graphs"][name] = best

(fixtures / "leiden-reference.json").write_text(json.dumps(out, indent=2) + "\n")
print(json.dumps(out, indent=2))
