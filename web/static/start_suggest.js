/* Start and end fields of the trip form: suggestions while typing (GET /api/v1/geocode),
   and the street name of a point tapped on the map (GET /api/v1/geocode/reverse).
   Plain script, no library; the URLs and texts come from data- attributes. */
(function () {
  'use strict';
  var script = document.currentScript;
  var api = script.dataset.api;
  var reverseApi = script.dataset.reverse;
  var POINT = /^\s*-?\d+(\.\d+)?\s*[,;]\s*-?\d+(\.\d+)?\s*$/;

  function setup(input) {
    var list = document.getElementById(input.id + '-suggestions');
    var note = document.getElementById(input.id + '-note');
    if (!list) { return; }
    var timer = null;
    input.removeAttribute('list');
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');

    function close() {
      list.hidden = true;
      list.textContent = '';
      input.setAttribute('aria-expanded', 'false');
    }

    function choose(item) {
      input.value = item.value;
      close();
      if (note) { note.textContent = ''; }
      input.focus();
    }

    function show(items) {
      list.textContent = '';
      items.forEach(function (item) {
        var li = document.createElement('li');
        li.setAttribute('role', 'option');
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'suggestion';
        button.textContent = item.label;
        var kind = document.createElement('small');
        kind.className = 'kind';
        kind.textContent = ' · ' + (list.dataset[item.kind] || item.kind);
        button.appendChild(kind);
        button.addEventListener('click', function () { choose(item); });
        li.appendChild(button);
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
    }

    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 3 || POINT.test(text)) { close(); return; }
      timer = window.setTimeout(function () {
        fetch(api + '?limit=8&q=' + encodeURIComponent(text))
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (items) { if (input.value.trim() === text) { show(items); } })
          .catch(close);
      }, 200);
    });

    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown' && !list.hidden) {
        var first = list.querySelector('button');
        if (first) { first.focus(); event.preventDefault(); }
      } else if (event.key === 'Escape') {
        close();
      }
    });

    window.CraftRoute.listboxKeys(list, input, close);

    // a tap on the map writes "lat,lon" and fires change: say which street that is
    input.addEventListener('change', function () {
      if (!note || !reverseApi) { return; }
      var match = input.value.split(/[,;]/);
      if (!POINT.test(input.value)) { note.textContent = ''; return; }
      fetch(reverseApi + '?lat=' + encodeURIComponent(match[0].trim()) + '&lon=' + encodeURIComponent(match[1].trim()))
        .then(function (response) { return response.ok ? response.json() : {}; })
        .then(function (found) {
          note.textContent = found.name ? note.dataset.near.replace('{name}', found.name) : '';
        })
        .catch(function () { note.textContent = ''; });
    });

    document.addEventListener('click', function (event) {
      if (event.target !== input && !list.contains(event.target)) { close(); }
    });
  }

  ['start', 'end'].forEach(function (id) {
    var input = document.getElementById(id);
    if (input) { setup(input); }
  });
})();
