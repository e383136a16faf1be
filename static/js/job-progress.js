// Updates a job's progress bar in place by polling its JSON status, so the officer need not
// reload. Without JavaScript the page still works: "Refresh to see progress" reloads it.
const panel = document.querySelector("[data-job-status]");

if (panel) {
  const running = panel.querySelector("[data-job-running]");
  const succeeded = panel.querySelector("[data-job-succeeded]");
  const failed = panel.querySelector("[data-job-failed]");
  const bar = panel.querySelector("progress");
  const stage = panel.querySelector("[data-job-stage]");
  const refreshLink = panel.querySelector("[data-job-refresh]");
  const next = panel.querySelector("[data-job-next]");
  const errorText = panel.querySelector("[data-job-error]");
  if (refreshLink) refreshLink.closest("p").hidden = true;

  const show = (state) => {
    bar.value = state.progress;
    bar.textContent = `${state.progress}%`;
    stage.textContent = `${state.progress}% done${state.stage ? ": " + state.stage : ""}`;
    if (!state.finished) return false;
    running.hidden = true;
    if (state.status === "succeeded") {
      if (next && state.next_url) next.setAttribute("href", state.next_url);
      succeeded.hidden = false;
      if (next) next.focus();
    } else {
      errorText.textContent = state.error;
      failed.hidden = false;
      failed.querySelector("button")?.focus();
    }
    return true;
  };

  const poll = async () => {
    try {
      const reply = await fetch(panel.dataset.jobStatus, { headers: { Accept: "application/json" } });
      if (reply.ok && show(await reply.json())) return;
    } catch (error) {
      // A dropped connection: keep trying; the job carries on without us.
    }
    window.setTimeout(poll, 1000);
  };

  if (!running.hidden) window.setTimeout(poll, 500);
}
