// Fails when a public function's TSDoc is incomplete: every parameter described, a @returns, a @throws (what it
// throws, or that it throws nothing) and an @example, read from TypeDoc's model of the packages' entry points.
import { Application } from "typedoc";

const app = await Application.bootstrapWithPlugins({
  options: new URL("../typedoc.config.mjs", import.meta.url).pathname,
  plugin: [],
  logLevel: "Error",
});
const project = await app.convert();
if (!project) {
  console.error("api docs: TypeDoc could not convert the packages");
  process.exit(1);
}

const missing = [];
let checked = 0;
const visit = (reflection, module) => {
  const where = reflection.kindOf?.(2) ? reflection.name : module;
  if (reflection.signatures && reflection.kindOf?.(64)) {
    for (const signature of reflection.signatures) {
      checked++;
      const tags = new Set((signature.comment?.blockTags ?? []).map((tag) => tag.tag));
      const name = `${where}.${reflection.name}`;
      if (!signature.comment?.summary?.length) missing.push(`${name}: no description`);
      for (const parameter of signature.parameters ?? []) {
        if (!parameter.comment?.summary?.length) missing.push(`${name}: parameter ${parameter.name} is not described`);
      }
      for (const tag of ["@returns", "@throws", "@example"]) {
        if (!tags.has(tag)) missing.push(`${name}: no ${tag}`);
      }
    }
  }
  for (const child of reflection.children ?? []) visit(child, where);
};
visit(project, project.name);

if (missing.length > 0) {
  console.error(`api docs: ${missing.length} gaps in the public functions' TSDoc\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `api docs: all ${checked} signatures of the public functions document their parameters, return value, errors and an example`,
);
