# Reference scores for @clearbox/mutual-rank's exact solver from networkx's pagerank (Debian: python3-networkx).
# Writes test/fixtures/networkx-pagerank.json: random directed weighted graphs with a personalization vector, and
# networkx.pagerank(G, alpha=0.85, personalization=W, weight="weight", tol=1e-12) on them. clearbox's single-type
# model weighs an edge i -> j by sim(i, j) * w_j, so the graphs given to networkx carry that product as "weight".
# Run: python3 packages/mutual-rank/scripts/networkx-reference.py
import json
import random

import networkx as nx

cases = []
for seed, (n, m) in enumerate([(8, 20), (30, 90), (60, 150)]):
    rng = random.Random(seed)
    edges = []
    for _ in range(m):
        a, b = rng.randrange(n), rng.randrange(n)
        edges.append([a, b, round(rng.uniform(0.1, 2.0), 6)])
    prior = [round(rng.uniform(0.0, 1.0), 6) for _ in range(n)]
    total = sum(prior)
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    for a, b, w in edges:
        weight = w * prior[b] / total
        if G.has_edge(a, b):
            G[a][b]["weight"] += weight
        else:
            G.add_edge(a, b, weight=weight)
    scores = nx.pagerank(G, alpha=0.85, personalization={i: prior[i] for i in range(n)}, weight="weight", tol=1e-12, max_iter=10000)
    cases.append({"n": n, "edges": edges, "prior": prior, "scores": [scores[i] for i in range(n)]})

with open("packages/mutual-rank/test/fixtures/networkx-pagerank.json", "w") as out:
    json.dump({"networkx": nx.__version__, "alpha": 0.85, "cases": cases}, out)
print("wrote", len(cases), "cases with networkx", nx.__version__)
