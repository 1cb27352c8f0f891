(() => {
  "use strict";
  const audio = document.getElementById("audio");
  const cues = Array.from(document.querySelectorAll("#transcript .cue"));
  const cueStarts = cues.map((cue) => parseFloat(cue.dataset.start));
  const chapters = Array.from(document.querySelectorAll("button.chapter"));
  const chapterStarts = chapters.map((button) => parseFloat(button.dataset.start));
  const follow = document.getElementById("follow");
  const now = document.getElementById("now");
  const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  // Page times are whole milliseconds; currentTime comes back as a float: allow for rounding.
  const SLACK = 0.0005;
  let activeCue = null;
  let activeChapter = null;

  // The last item starting at or before t: a cue stays lit through the pause after it.
  function indexAt(starts, t) {
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= t + SLACK) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  function mark(previous, next, className) {
    if (previous === next) return next;
    if (previous) {
      previous.classList.remove(className);
      previous.removeAttribute("aria-current");
    }
    if (next) {
      next.classList.add(className);
      next.setAttribute("aria-current", "true");
    }
    return next;
  }

  function update() {
    const t = audio.currentTime;
    const cue = cues[indexAt(cueStarts, t)] || null;
    if (cue !== activeCue && cue && follow.checked && !audio.paused) {
      cue.scrollIntoView({ block: "nearest", behavior: reduced ? "auto" : "smooth" });
    }
    activeCue = mark(activeCue, cue, "active");
    activeChapter = mark(activeChapter, chapters[indexAt(chapterStarts, t)] || null, "current");
  }

  for (const name of ["loadedmetadata", "timeupdate", "seeking", "seeked"]) {
    audio.addEventListener(name, update);
  }

  for (const button of chapters) {
    button.addEventListener("click", () => {
      audio.currentTime = parseFloat(button.dataset.start);
      update();
      now.textContent = "正在播放：" + button.querySelector(".chapter-title").textContent;
      const playing = audio.play();
      if (playing) playing.catch(() => {});
    });
  }
  update();
})();
