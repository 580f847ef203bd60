import { packageBuild } from "@clearbox/build-kit/tsup-package";

export default packageBuild;
