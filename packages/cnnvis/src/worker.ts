// The worker behind @clearbox/cnnvis/async: serves every export of the public entry by name.
import { serveWorker } from "@clearbox/core/internal";
import * as api from "./index.js";

void serveWorker(api);
