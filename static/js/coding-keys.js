// Keyboard shortcuts for the coding screen: 1-9 tick the first nine themes, 0 ticks "No theme
// fits", h adds the words selected in the response as a highlighted excerpt, Ctrl (or Cmd) and
// Enter saves and codes next. Without JavaScript the page is a plain form and works the same.
const form = document.querySelector("[data-coding-form]");

if (form) {
  const text = document.querySelector("[data-coding-text]");
  const excerpts = form.querySelector("textarea[name=highlights]");
  const saveNext = form.querySelector("[data-coding-next]");
  const boxes = Array.from(form.querySelectorAll("input[type=checkbox][name=themes]"));
  const themeBoxes = boxes.filter((box) => box.value !== "none");
  const noThemeFits = boxes.find((box) => box.value === "none");
  const help = document.getElementById("keyboard-shortcuts-details");
  if (help) help.hidden = false;
  // Each theme's key beside its label: only now, as the keys only work with JavaScript.
  for (const hint of form.querySelectorAll("[data-key-hint]")) hint.hidden = false;

  // Typing in a box must type, not trigger shortcuts.
  const isTyping = (element) =>
    element instanceof HTMLTextAreaElement ||
    element instanceof HTMLSelectElement ||
    element?.isContentEditable ||
    (element instanceof HTMLInputElement &&
      !["checkbox", "radio", "submit", "button", "hidden"].includes(element.type));

  // Clicking (not setting .checked) lets GOV.UK's exclusive "No theme fits" behaviour run.
  const toggle = (box) => {
    if (box) box.click();
  };

  const selectedExcerpt = () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !text) return "";
    const inside = (node) => node && text.contains(node);
    if (!inside(selection.anchorNode) || !inside(selection.focusNode)) return "";
    return selection.toString().split(/\s+/).filter(Boolean).join(" ");
  };

  const addExcerpt = () => {
    const excerpt = selectedExcerpt();
    if (!excerpt || !excerpts) return;
    const lines = excerpts.value.split("\n").map((line) => line.trim()).filter(Boolean);
    if (!lines.some((line) => line.toLowerCase() === excerpt.toLowerCase())) lines.push(excerpt);
    excerpts.value = lines.join("\n");
  };

  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (saveNext) form.requestSubmit(saveNext);
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    if (/^[1-9]$/.test(event.key)) {
      event.preventDefault();
      toggle(themeBoxes[Number(event.key) - 1]);
    } else if (event.key === "0") {
      event.preventDefault();
      toggle(noThemeFits);
    } else if (event.key === "h" || event.key === "H") {
      event.preventDefault();
      addExcerpt();
    }
  });
}
