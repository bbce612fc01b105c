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
