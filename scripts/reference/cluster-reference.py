#!/usr/bin/env python3
"""Independent reference figures for @clearbox/cluster's tests, from scikit-learn and networkx.

Not run by CI (CI has no scikit-learn): run it by hand after `apt-get install -y python3-sklearn python3-networkx`
with Debian's /usr/bin/python3, and commit the JSON it writes. The tests compare clearbox against these figures.
"""
import json
import pathlib
import sys

import networkx as nx
import numpy as np
import sklearn
from networkx.algorithms.community import greedy_modularity_communities, modularity
from sklearn.cluster import KMeans, MeanShift, estimate_bandwidth

root = pathlib.Path(__file__).resolve().parents[2]
out = root / "packages/cluster/test/fixtures"
digits = np.loadtxt(root / "data/digits/digits.csv", delimiter=",")
X, y = digits[:, :64], digits[:, 64].astype(int)

inertias = [float(KMeans(n_clusters=10, n_init=10, random_state=s).fit(X).inertia_) for s in range(10)]
class_means = np.stack([X[y == c].mean(axis=0) for c in range(10)], axis=1)  # 64 pixels x 10 classes
bw = float(estimate_bandwidth(class_means, quantile=0.3))
ms = MeanShift(bandwidth=bw).fit(class_means)

graphs = {
    "karate": nx.karate_club_graph(),
    "les-miserables": nx.les_miserables_graph(),
    "florentine-families": nx.florentine_families_graph(),
}
modularities = {}
for name, g in graphs.items():
    nodes = sorted(g.nodes(), key=str)
    index = {v: i for i, v in enumerate(nodes)}
    weighted = name == "les-miserables"
    w = "weight" if weighted else None
    communities = greedy_modularity_communities(g, weight=w)
    modularities[name] = {
        "networkx": float(modularity(g, communities, weight=w)),
        "communities": len(communities),
    }
    edges = [[index[u], index[v], float(d.get("weight", 1)) if weighted else 1] for u, v, d in g.edges(data=True)]
    (out / f"{name}.json").write_text(json.dumps({"source": f"networkx {nx.__version__} bundled graph", "names": [str(v) for v in nodes], "nodes": len(nodes), "edges": edges}) + "\n")

reference = {
    "generated_by": "scripts/reference/cluster-reference.py",
    "versions": {"scikit-learn": sklearn.__version__, "networkx": nx.__version__, "python": sys.version.split()[0]},
    "digits_kmeans_k10_ninit10_inertia_by_random_state": inertias,
    "digits_class_means_meanshift": {"bandwidth": bw, "clusters": int(len(ms.cluster_centers_))},
    "greedy_modularity": modularities,
}
(out / "reference.json").write_text(json.dumps(reference, indent=2) + "\n")
print(json.dumps(reference, indent=2))
