/* "Add to my plan": the plan page remembers its query on this device; a place page's
   button then adds the place to that plan (through the plan editor) instead of
   starting a new one. Without storage or a saved plan the button keeps its own link. */
(function () {
  'use strict';
  var KEY = 'craftroute.lastPlan';
  var script = document.currentScript;
  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }
  var store = storage();
  if (!store) { return; }
  if (script.dataset.remember !== undefined && window.location.search) {
    store.setItem(KEY, window.location.search.replace(/^\?/, ''));
  }
  var button = document.getElementById('add-to-plan');
  var last = store.getItem(KEY);
  if (button && last && script.dataset.edit && button.dataset.place) {
    var place = button.dataset.place;
    var query = new URLSearchParams(last);
    var excluded = query.getAll('exclude').filter(function (id) { return id !== place; });
    query.delete('exclude');  // adding a place the traveller removed brings it back
    excluded.forEach(function (id) { query.append('exclude', id); });
    query.append('must_see', place);
    button.href = script.dataset.edit + '?' + query.toString();
  }
})();
