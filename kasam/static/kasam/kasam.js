// Give every form that saves something a one-time key, so that a double tap, a resend after
// a dropped connection or the back button never saves it twice (OncePerSubmissionMiddleware).
(function () {
  "use strict";

  function uuid4() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function addKeys(root) {
    if (!root.querySelectorAll) return;
    // a form's own once-only key (a journal note's), new each time the page is shown: a page
    // kept on the phone and used twice without a signal gives two notes, not one
    for (const input of root.querySelectorAll("input[data-fresh-key]")) input.value = uuid4();
    for (const input of root.querySelectorAll("input[data-now]")) {
      if (document.querySelector(".has-error")) break; // shown again: keep what the user gave
      const now = new Date();
      now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
      input.value = now.toISOString().slice(0, 16);
    }
    for (const form of root.querySelectorAll('form[method="post" i]')) {
      if (!form.querySelector('input[name="_submission"]')) {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = "_submission";
        input.value = uuid4();
        form.appendChild(input);
      }
    }
  }

  document.addEventListener("DOMContentLoaded", () => addKeys(document));
  document.addEventListener("htmx:load", (event) => addKeys(event.target));
})();

// On a phone a table is read as cards: each cell carries its column's heading (data-label,
// shown before the value by kasam.css), and the rows keep their table roles for screen
// readers when the phone's layout makes them blocks.
(function () {
  "use strict";

  function label(root) {
    if (!root.querySelectorAll) return;
    for (const table of root.querySelectorAll("table.ds-table")) {
      const headings = Array.from(table.querySelectorAll("thead th"), (th) => th.textContent.trim());
      if (!headings.length) continue;
      table.setAttribute("role", "table");
      for (const row of table.querySelectorAll("tr")) {
        row.setAttribute("role", "row");
        Array.from(row.children).forEach((cell, index) => {
          const header = cell.tagName === "TH";
          const inHead = row.parentElement.tagName === "THEAD";
          cell.setAttribute("role", inHead ? "columnheader" : header ? "rowheader" : "cell");
          if (!inHead && headings[index]) cell.dataset.label = headings[index];
        });
      }
      for (const group of table.querySelectorAll("thead, tbody")) group.setAttribute("role", "rowgroup");
    }
  }

  document.addEventListener("DOMContentLoaded", () => label(document));
  document.addEventListener("htmx:load", (event) => label(event.target));
})();

// Tabs (Designsystemet's ds-tabs): a [data-tabs] box of sections, each starting with its
// heading, becomes a tab list with one panel shown. Without the script the sections are read
// one after another. Arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern); the
// address keeps the chosen panel (#its-id), so a link to a panel opens it.
(function () {
  "use strict";

  function select(tabs, chosen, focus) {
    if (focus !== null) history.replaceState(null, "", `#${chosen.getAttribute("aria-controls")}`);
    tabs.forEach((tab) => {
      const on = tab === chosen;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      document.getElementById(tab.getAttribute("aria-controls")).hidden = !on;
    });
    if (focus) chosen.focus();
  }

  function build(box, number) {
    const panels = Array.from(box.children).filter((child) => child.matches("section"));
    const list = document.createElement("div");
    list.setAttribute("role", "tablist");
    list.setAttribute("aria-label", box.dataset.tabs);
    const tabs = panels.map((panel, index) => {
      const heading = panel.querySelector("h2");
      const tab = document.createElement("button");
      tab.type = "button";
      tab.setAttribute("role", "tab");
      tab.id = `tabs-${number}-${index}`;
      panel.id = panel.id || `tabs-${number}-${index}-panel`;
      tab.setAttribute("aria-controls", panel.id);
      tab.textContent = heading.textContent;
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tab.id);
      panel.tabIndex = 0;
      heading.classList.add("visually-hidden");
      list.appendChild(tab);
      return tab;
    });
    box.classList.add("ds-tabs");
    box.prepend(list);
    list.addEventListener("click", (event) => {
      const tab = event.target.closest('[role="tab"]');
      if (tab) select(tabs, tab, false);
    });
    list.addEventListener("keydown", (event) => {
      const at = tabs.indexOf(document.activeElement);
      const moves = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 };
      if (at < 0 || !(event.key in moves)) return;
      event.preventDefault();
      select(tabs, tabs[(moves[event.key] + tabs.length) % tabs.length], true);
    });
    const linked = tabs.find((tab) => `#${tab.getAttribute("aria-controls")}` === location.hash);
    select(tabs, linked || tabs[0], null);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-tabs]").forEach(build);
  });
})();
