/* Registers the service worker, labels a plan shown from the phone's saved copy, and
 * lists the plans saved on this device (on the form page). */
(function () {
  'use strict';
  var script = document.currentScript;
  var root = document.documentElement;
  if ('serviceWorker' in navigator && script && script.dataset.sw) {
    navigator.serviceWorker.register(script.dataset.sw, {scope: script.dataset.scope || '/'}).catch(function () {});
  }

  function localTime(iso) {
    var when = new Date(iso);
    return isNaN(when) ? iso : when.toLocaleString(root.lang || undefined,
                                                   {dateStyle: 'medium', timeStyle: 'short'});
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (root.dataset.served === 'cache') {
      document.querySelectorAll('.saved-copy').forEach(function (note) {
        note.querySelectorAll('time[datetime]').forEach(function (time) {
          time.textContent = localTime(time.getAttribute('datetime'));
        });
        note.hidden = false;
      });
    }
    var list = document.getElementById('saved-plans');
    if (!list || !window.caches) {
      return;
    }
    caches.open('craftroute-plans').then(function (cache) {
      return cache.keys().then(function (keys) {
        return Promise.all(keys.reverse().map(function (request) {
          return cache.match(request).then(function (response) {
            return {url: request.url, savedAt: response && response.headers.get('X-CraftRoute-Saved-At')};
          });
        }));
      });
    }).then(function (plans) {
      var ul = list.querySelector('ul');
      plans.forEach(function (plan) {
        var params = new URL(plan.url).searchParams;
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.href = plan.url;
        link.textContent = [params.get('start'), params.get('date')].filter(Boolean).join(' · ') || plan.url;
        item.appendChild(link);
        if (plan.savedAt) {
          item.appendChild(document.createTextNode(' (' + localTime(plan.savedAt) + ')'));
        }
        ul.appendChild(item);
      });
      list.hidden = plans.length === 0;
    }).catch(function () {});
  });
})();
