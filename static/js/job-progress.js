// Moves a running job's progress bar by polling its JSON status, then reloads the page when the
// job has finished so the server shows the result (or the error and "Try again"). Without
// JavaScript the page still works: "Refresh to see progress" reloads it.
const panel = document.querySelector("[data-job-status]");
const running = panel?.querySelector("[data-job-running]");

if (running) {
  const bar = running.querySelector("progress");
  const stage = running.querySelector("[data-job-stage]");
  running.querySelector("[data-job-refresh]")?.closest("p")?.setAttribute("hidden", "");

  const poll = async () => {
    try {
      const reply = await fetch(panel.dataset.jobStatus, { headers: { Accept: "application/json" } });
      if (reply.ok) {
        const state = await reply.json();
        if (state.finished) {
          window.location.reload();
          return;
        }
        bar.value = state.progress;
        bar.textContent = `${state.progress}%`;
        stage.textContent = `${state.progress}% done${state.stage ? ": " + state.stage : ""}`;
      }
    } catch (error) {
      // A dropped connection: keep trying; the job carries on without this page.
    }
    window.setTimeout(poll, 1000);
  };

  window.setTimeout(poll, 500);
}
