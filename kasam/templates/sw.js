{% load static %}/* Kasam's service worker (served at /sw.js by kasam.core.views.service_worker).

   - Today's work on the phone: pages the server marks with X-Kasam-Offline (the user's
     worklist, their visits of today and the deviation form from them: no national ID
     numbers) are kept, network first, and used without a signal on that day only.
   - What is done without a signal (check-in, check-out, a note, a deviation) is kept in an
     outbox (IndexedDB) and the page is shown again; kasam/offline.js shows what is not yet
     sent and sends it when the signal returns. Each send carries its once-only key, so the
     server stores it once however often it arrives.
   - Logging out clears it all (Clear-Site-Data); a new day starts without yesterday's pages. */
importScripts(
  "{% static 'vendor/workbox/workbox-core.prod.js' %}",
  "{% static 'vendor/workbox/workbox-routing.prod.js' %}",
  "{% static 'vendor/workbox/workbox-strategies.prod.js' %}",
  "{% static 'vendor/idb-keyval.js' %}"
);

const TODAY_CACHE = "kasam-today";
const STATIC_CACHE = "kasam-static";
const OFFLINE_ACTIONS = [
  /^\/visits\/[0-9a-f-]{36}\/check-(in|out)\/$/,
  /^\/clients\/[0-9a-f-]{36}\/journal\/$/,
  /^\/quality\/report\/$/,
];

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function today() {
  return new Date().toLocaleDateString("sv"); // YYYY-MM-DD in the phone's own time zone
}

const onlyTodaysWork = {
  cacheWillUpdate: async ({ response }) =>
    response && response.status === 200 && response.headers.get("X-Kasam-Offline") === today()
      ? response
      : null,
  cachedResponseWillBeUsed: async ({ cachedResponse }) => {
    if (cachedResponse && cachedResponse.headers.get("X-Kasam-Offline") !== today()) {
      await caches.delete(TODAY_CACHE); // yesterday's work is not kept
      return null;
    }
    return cachedResponse;
  },
};

workbox.routing.registerRoute(
  ({ url }) => url.origin === location.origin && url.pathname.startsWith("/static/"),
  new workbox.strategies.StaleWhileRevalidate({ cacheName: STATIC_CACHE })
);
workbox.routing.registerRoute(
  ({ url }) =>
    url.origin === location.origin &&
    (url.pathname.startsWith("/visits/") || url.pathname === "/quality/report/"),
  new workbox.strategies.NetworkFirst({
    cacheName: TODAY_CACHE,
    networkTimeoutSeconds: 5,
    plugins: [onlyTodaysWork],
  })
);

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "POST" || url.origin !== location.origin) return;
  if (!OFFLINE_ACTIONS.some((action) => action.test(url.pathname))) return;
  if (request.headers.get("X-Kasam-Outbox")) return; // offline.js sending the outbox
  event.respondWith(sendOrKeep(request));
});

async function sendOrKeep(request) {
  const body = await request.clone().text();
  try {
    return await fetch(request);
  } catch (noSignal) {
    const fields = new URLSearchParams(body);
    const item = {
      key: fields.get("_submission") || String(Date.now()),
      url: request.url,
      body,
      label: fields.get("_offline_label") || url_label(request.url),
      page: request.referrer,
      at: new Date().toISOString(),
      state: "waiting",
    };
    await idbKeyval.update("outbox", (items) => [...(items || []), item]);
    return Response.redirect(request.referrer || "/visits/", 303);
  }
}

function url_label(address) {
  return new URL(address).pathname;
}
