// The scanner's service worker: keeps the app's files so it opens with no network. Only the
// app's own files under /scan/ are answered from the cache; API calls go to the network as they are.
/* global VERSION, ASSETS */
const CACHE = 'scan-' + VERSION;

self.addEventListener('install', event => {
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
      .then(names => Promise.all(names.filter(n => n.startsWith('scan-') && n !== CACHE).map(n => caches.delete(n))))
      .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/scan/')) {
    return;
  }
  // every page of the app is the one page /scan/
  const key = event.request.mode === 'navigate' ? '/scan/' : url.pathname;
  event.respondWith(caches.open(CACHE)
      .then(cache => cache.match(key))
      .then(hit => hit ?? fetch(event.request)));
});
