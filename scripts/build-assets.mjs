// Builds static/govuk/ from npm packages at set-up time, so the app never fetches assets at run time.
// Output: involve.css (GOV.UK Frontend compiled with our settings), govuk-frontend.min.js, fonts/, images/.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { compile, NodePackageImporter } from "sass";

const dist = "node_modules/govuk-frontend/dist/govuk";
const out = "static/govuk";

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(`${dist}/assets`, out, { recursive: true });
cpSync(`${dist}/govuk-frontend.min.js`, `${out}/govuk-frontend.min.js`);

const result = compile("static/src/involve.scss", {
  importers: [new NodePackageImporter()],
  style: "compressed",
  quietDeps: true,
});
writeFileSync(`${out}/involve.css`, result.css);
console.log(`built ${out}/involve.css (${result.css.length} bytes)`);
