/* CraftRoute's service worker (served at /sw.js; the server sets self.CRAFTROUTE_SW above).
 *
 * - Install: stores the app shell (form page, styles, map scripts, icons, base map files).
 * - Pages: from the network when it answers; a plan page is then saved (the last few,
 *   stamped with the time), and shown from that copy when the network fails, marked as a
 *   saved copy (the page says when the plan was made).
 * - API answers are never stored or served from a cache.
 * - Static files and base map: from the cache, else from the network (and stored). */
'use strict';

var CONFIG = self.CRAFTROUTE_SW;
var SHELL = 'craftroute-shell-' + CONFIG.version;
var PLANS = 'craftroute-plans';
var SAVED_AT = 'X-CraftRoute-Saved-At';

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    return cache.addAll(CONFIG.precache.map(function (url) { return new Request(url, {cache: 'reload'}); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf('craftroute-shell-') === 0 && key !== SHELL;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function stamped(response) {
  var headers = new Headers(response.headers);
  headers.set(SAVED_AT, new Date().toISOString());
  return response.blob().then(function (body) {
    return new Response(body, {status: response.status, statusText: response.statusText, headers: headers});
  });
}

function savePlan(request, response) {
  return Promise.all([caches.open(PLANS), stamped(response)]).then(function (opened) {
    var cache = opened[0];
    return cache.delete(request).then(function () { return cache.put(request, opened[1]); }).then(function () {
      return cache.keys();
    }).then(function (keys) {
      // Keys are in the order they were stored: drop the oldest beyond the limit.
      return Promise.all(keys.slice(0, Math.max(0, keys.length - CONFIG.maxPlans)).map(function (key) {
        return cache.delete(key);
      }));
    });
  });
}

function markedAsSaved(response) {
  return response.text().then(function (html) {
    var headers = new Headers(response.headers);
    headers.delete('Content-Length');
    return new Response(html.replace('data-served="network"', 'data-served="cache"'),
                        {status: response.status, statusText: response.statusText, headers: headers});
  });
}

function savedPage(request) {
  return caches.match(request).then(function (hit) {
    return hit || caches.match(CONFIG.pages[0]);
  }).then(function (hit) {
    return hit ? markedAsSaved(hit) : Response.error();
  });
}

function fromPageNetwork(event, url) {
  return fetch(event.request).then(function (response) {
    if (response.ok && url.pathname === CONFIG.planPath) {
      event.waitUntil(savePlan(event.request, response.clone()));
    } else if (response.ok && !url.search && CONFIG.pages.indexOf(url.pathname) >= 0) {
      var copy = response.clone();
      event.waitUntil(caches.open(SHELL).then(function (cache) { return cache.put(event.request, copy); }));
    }
    return response;
  }).catch(function () { return savedPage(event.request); });
}

function fromCacheFirst(event) {
  return caches.match(event.request).then(function (hit) {
    return hit || fetch(event.request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        event.waitUntil(caches.open(SHELL).then(function (cache) { return cache.put(event.request, copy); }));
      }
      return response;
    });
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) {
    return;
  }
  if (CONFIG.networkOnly.some(function (prefix) { return url.pathname.indexOf(prefix) === 0; })) {
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(fromPageNetwork(event, url));
  } else if (CONFIG.precache.indexOf(url.pathname) >= 0 || url.pathname.indexOf('/static/') === 0) {
    event.respondWith(fromCacheFirst(event));
  }
});
