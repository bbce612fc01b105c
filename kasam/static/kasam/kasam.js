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
