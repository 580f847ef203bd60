// The ranker's page: a collection ranked by the same module as the report (src/ranking.mjs), drawn with
// @clearbox/charts, with MutualRanker's interactions: click a cluster (its flows draw), raise or lower an element
// (the ranking and the glyphs update by walking the affected walks again from their first changed step, no full solve), hover, switch collection.
import { csvParse } from "d3-dsv";
import { RAISE, LOWER } from "./precision.mjs";
import { COLLECTIONS, editPrior, HASHTAG, rankCollection, topElements } from "./ranking.mjs";
import { flowMapView, rankGraphView, TOP_HEADINGS, topRowCells } from "./views.mjs";

const files = import.meta.glob("../data/*.csv", { query: "?raw", import: "default" });
/** The page's element with this id (the form controls among them are read by `value`). @param {string} id */
const $ = (id) => /** @type {HTMLElement & { value: string }} */ (document.getElementById(id));
const draw = (container, { chart, data, options }) => chart(container, data, options);
let state;
let selected = 0;

function readout(text) {
  $("readout").textContent = text ?? "";
}

function drawGraphs() {
  const graph = rankGraphView(state, HASHTAG, {
    selected,
    width: 640,
    height: 520,
    onSelect: (cluster) => {
      selected = cluster;
      drawGraphs();
    },
    onHover: (cluster) => {
      if (cluster === null) return readout("");
      const c = graph.data.clusters[cluster];
      readout(`${c.label}: ${c.members.length} hashtags, importance ${c.importance.toExponential(2)}`);
    },
  });
  draw($("rank-graph"), graph);
  const sources = graph.data.clusters[Math.min(selected, graph.data.clusters.length - 1)].nodes.slice(0, 8);
  draw(
    $("flow-map"),
    flowMapView(state, sources, {
      width: 640,
      height: 480,
      onHover: (flow) => readout(flow && `flow ${flow.flow.toExponential(2)}`),
    }),
  );
}

function drawTables() {
  const top = topElements(state, 10);
  const edited = new Set(state.edits.map((e) => e.node));
  for (const type of ["hashtags", "users", "posts"]) {
    const head = document.createElement("tr");
    head.append(...[...TOP_HEADINGS, ""].map((h) => Object.assign(document.createElement("th"), { textContent: h })));
    const rows = top[type].map((element, rank) => {
      const tr = document.createElement("tr");
      tr.dataset.node = String(element.node);
      if (edited.has(element.node)) tr.className = "edited";
      topRowCells(element, rank).forEach((text, i) => {
        const td = Object.assign(document.createElement("td"), { textContent: text });
        if (i !== 1) td.className = "number";
        tr.append(td);
      });
      const actions = document.createElement("td");
      actions.className = "number";
      for (const [label, factor, role] of /** @type {Array<[string, number, string]>} */ ([
        ["▲", RAISE, "raise"],
        ["▼", LOWER, "lower"],
      ])) {
        const button = Object.assign(document.createElement("button"), {
          textContent: label,
          title: `${role} its importance (prior × ${factor})`,
        });
        button.dataset.role = role;
        button.addEventListener("click", () => edit(element.node, factor));
        actions.append(button);
      }
      tr.append(actions);
      return tr;
    });
    $(type).replaceChildren(head, ...rows);
  }
}

function edit(node, factor) {
  const e = editPrior(state, node, factor);
  const how =
    e.strategy === "exact"
      ? `re-solving exactly in ${e.iterations} Gauss–Seidel sweeps from the current scores (too many walks passed the changed rows to walk them again now)`
      : `walking ${e.affectedWalks.toLocaleString("en")} affected walks again from their first changed step (${e.resampledSteps.toLocaleString("en")} steps), no full solve`;
  $("update").textContent =
    `${factor > 1 ? "raised" : "lowered"} ${e.name}: updated in ${e.ms.toFixed(0)} ms by ${how}`;
  drawTables();
  drawGraphs();
}

async function load(id) {
  document.body.dataset.ready = "false";
  $("status").textContent = `Ranking ${COLLECTIONS[id].label}…`;
  await new Promise((resolve) => setTimeout(resolve, 20)); // let the status paint
  const text = await files[`../data/${id}.csv`]();
  const start = performance.now();
  state = rankCollection(csvParse(text), COLLECTIONS[id]);
  selected = 0;
  const { graph } = state;
  $("status").textContent =
    `${graph.postOfRow.length.toLocaleString("en")} posts (${graph.posts.toLocaleString("en")} distinct texts), ${graph.users.toLocaleString("en")} users, ${graph.hashtags.toLocaleString("en")} hashtags, ranked with their uncertainty in ${((performance.now() - start) / 1000).toFixed(1)} s.`;
  $("update").textContent = "";
  drawTables();
  drawGraphs();
  document.body.dataset.ready = "true";
}

$("collection").replaceChildren(
  ...Object.entries(COLLECTIONS).map(([id, c]) =>
    Object.assign(document.createElement("option"), { value: id, textContent: c.label }),
  ),
);
$("collection").addEventListener("change", () => load($("collection").value));
load("gop-debate-2015").catch((error) => {
  $("status").textContent = `Could not rank the collection: ${error.message}`;
  document.body.dataset.ready = "error";
  throw error;
});
