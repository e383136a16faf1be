// Starts GOV.UK Frontend's components (error summary focus, character count, header menu).
// The pages work without it: every form and link is plain HTML first.
import { initAll } from "/assets/govuk-frontend.min.js";

initAll();
