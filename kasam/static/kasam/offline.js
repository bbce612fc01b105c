/* Working without a signal (the service worker is templates/sw.js).
   - Registers the service worker and, when online, has it keep today's visit pages (links
     marked data-offline-keep; the server says which pages may be kept).
   - Shows what was done without a signal and is not yet sent (#outbox), and what the server
     refused when it was sent (a conflict: the visit was cancelled or changed meanwhile).
   - Sends the outbox when the signal returns, each item once, in the order it was done. */
(() => {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.idbKeyval) return;
  const store = window.idbKeyval;
  let waiting = 0;
  let sending = false;

  const items = async () => (await store.get("outbox")) || [];
  const change = (key, fields) =>
    store.update("outbox", (list) =>
      (list || [])
        .filter((item) => fields !== null || item.key !== key)
        .map((item) => (item.key === key ? { ...item, ...fields } : item))
    );

  // The form's label travels with what is sent, so that the outbox can say what waits.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (form.dataset.offline === undefined) return;
      let input = form.querySelector('input[name="_offline_label"]');
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = "_offline_label";
        form.appendChild(input);
      }
      input.value = form.dataset.offline;
    },
    true
  );

  // Logging out clears the phone: say so first when something is not yet sent.
  document.addEventListener("submit", (event) => {
    const warning = event.target.dataset.unsentWarning;
    if (warning && waiting > 0 && !window.confirm(warning)) event.preventDefault();
  });

  function line(text, tag = "span") {
    const element = document.createElement(tag);
    element.textContent = text;
    return element;
  }

  async function render() {
    const box = document.getElementById("outbox");
    if (!box) return;
    const list = await items();
    waiting = list.filter((item) => item.state === "waiting").length;
    box.hidden = list.length === 0;
    const rows = list.map((item) => {
      const row = document.createElement("li");
      const when = new Date(item.at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      row.append(line(`${when} · ${item.label}`, "strong"));
      if (item.state === "conflict") {
        row.append(line(` · ${box.dataset.conflict}: ${item.message}`));
        const seen = line(box.dataset.seen, "button");
        seen.type = "button";
        seen.className = "ds-button";
        seen.dataset.variant = "tertiary";
        seen.addEventListener("click", async () => {
          await change(item.key, null);
          render();
        });
        row.append(" ", seen);
      }
      return row;
    });
    const list_ = document.createElement("ul");
    list_.append(...rows);
    box.replaceChildren(line(`${box.dataset.waiting} (${waiting})`, "p"), list_);
  }

  async function reasons(response) {
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const found = page.querySelectorAll(
      '.messages [role="alert"], .ds-validation-message, .ds-error-summary li'
    );
    const texts = [...new Set([...found].map((element) => element.textContent.trim()))];
    return texts.filter(Boolean).join(" ") || `${response.status}`;
  }

  async function send() {
    if (sending || !navigator.onLine) return;
    sending = true;
    let sent = 0;
    try {
      for (const item of (await items()).filter((entry) => entry.state === "waiting")) {
        let response;
        try {
          response = await fetch(item.url, {
            method: "POST",
            body: item.body,
            credentials: "same-origin",
            headers: {
              "Content-Type": "application/x-www-form-urlencoded",
              "X-Kasam-Outbox": "1",
            },
          });
        } catch (noSignal) {
          break;
        }
        if (new URL(response.url).pathname.startsWith("/accounts/login")) break; // log in again
        if (response.ok) {
          await change(item.key, null);
          sent += 1;
        } else if (response.status !== 409 && response.status < 500) {
          await change(item.key, { state: "conflict", message: await reasons(response) });
        }
      }
    } finally {
      sending = false;
    }
    await render();
    if (sent > 0) window.location.reload(); // the page as the server has it now
  }

  async function keepToday() {
    if (!navigator.onLine) return;
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      // the first time: the worker looks after this page from when it takes control
      await new Promise((taken) =>
        navigator.serviceWorker.addEventListener("controllerchange", taken, { once: true })
      );
    }
    const links = [...document.querySelectorAll("a[data-offline-keep]")].map((a) => a.href);
    if (window.location.pathname.startsWith("/visits/")) links.unshift(window.location.href);
    const day = new Date().toLocaleDateString("sv");
    const kept = (await store.get("kept")) || {};
    for (const href of new Set(links)) {
      if (kept[href] === day) continue; // once a day: opening a page online refreshes it
      try {
        const response = await fetch(href, { credentials: "same-origin" }); // one at a time
        if (response.ok) await store.update("kept", (old) => ({ ...old, [href]: day }));
      } catch (noSignal) {
        return;
      }
    }
  }

  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  window.addEventListener("online", send);
  document.addEventListener("DOMContentLoaded", async () => {
    await render();
    await send();
    keepToday();
  });
})();
