import type { Preview } from "@storybook/html";
import { expectNoAxeViolations } from "../stories/lib/accessible.js";

const preview: Preview = {
  parameters: {
    layout: "padded",
    controls: { expanded: true },
  },
  // Every story, after its play function: axe-core finds no accessibility violation.
  afterEach: expectNoAxeViolations,
};

export default preview;
