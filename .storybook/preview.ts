import type { Preview } from "@storybook/html";
import { expectKeyboardWalk, expectNoAxeViolations } from "../stories/lib/accessible.js";

const preview: Preview = {
  parameters: {
    layout: "padded",
    controls: { expanded: true },
  },
  // Every story, after its play function: axe-core finds no accessibility violation, and every chart that takes the
  // keyboard focus answers the keys.
  afterEach: async (context) => {
    await expectNoAxeViolations(context);
    await expectKeyboardWalk(context);
  },
};

export default preview;
