// The worker behind @clearbox/charts/async: only the layout computations (no d3-selection, no DOM).
import { serveWorker } from "@clearbox/core/internal";
import { bundleEdges } from "./edge-bundling.js";

void serveWorker({ bundleEdges });
