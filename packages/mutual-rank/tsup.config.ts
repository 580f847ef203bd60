import { packageBuild } from "../../scripts/build/tsup-package.js";

export default packageBuild;
