// The worker behind @clearbox/dgmtracker/async: serves every export of the ./node entry by name.
import { serveWorker } from "@clearbox/core/internal";
import * as api from "./node.js";

void serveWorker(api);
