/* Maps on phones and the plan's timeline:
 * - the plan map's list of days is folded on small screens (its button unfolds it, a tap on the map folds it);
 * - tapping a stop of the timeline (.stop-row[data-stop]) opens its marker's popup on the map,
 *   and tapping a marker (Leaflet option stopKey, "<day>-<order>") highlights its row.
 * Loaded after Folium's map script, so the maps exist as window.map_* globals. */
(function () {
  "use strict";
  if (!window.L || !window.L.Map) { return; }
  var SMALL = "(max-width: 767.98px)";
  var EXPANDED = "leaflet-control-layers-expanded";
  var ACTIVE = "stop-active";

  function maps() {
    return Object.keys(window).filter(function (key) {
      return key.indexOf("map_") === 0 && window[key] instanceof L.Map;
    }).map(function (key) { return window[key]; });
  }

  function stopMarkers() {
    var found = {};
    maps().forEach(function (map) {
      map.eachLayer(function (layer) {
        if (layer instanceof L.Marker && layer.options && layer.options.stopKey) {
          found[layer.options.stopKey] = {marker: layer, map: map};
        }
      });
    });
    return found;
  }

  function foldLayersOnSmallScreens() {
    if (!window.matchMedia || !window.matchMedia(SMALL).matches) { return; }
    var controls = document.querySelectorAll("#plan-map .leaflet-control-layers");
    if (!controls.length) { return; }
    controls.forEach(function (control) { control.classList.remove(EXPANDED); });
    maps().forEach(function (map) {
      if (!document.getElementById("plan-map").contains(map.getContainer())) { return; }
      map.on("click", function () { controls.forEach(function (control) { control.classList.remove(EXPANDED); }); });
    });
  }

  function markRow(key) {
    document.querySelectorAll("." + ACTIVE).forEach(function (row) { row.classList.remove(ACTIVE); });
    var row = document.getElementById("stop-" + key);
    if (!row) { return null; }
    row.classList.add(ACTIVE);
    return row;
  }

  function scrollRowIntoTimeline(row) {
    var box = row.closest(".timeline");
    if (box && box.scrollHeight > box.clientHeight) {
      box.scrollTop = row.offsetTop - box.offsetTop - 24;
    }
  }

  function isOnScreen(element) {
    var rect = element.getBoundingClientRect();
    return rect.bottom > 0 && rect.top < (window.innerHeight || document.documentElement.clientHeight);
  }

  function showStop(entry) {
    var map = entry.map, marker = entry.marker;
    var container = map.getContainer();
    if (!isOnScreen(container)) { container.scrollIntoView({block: "start"}); }
    if (!map.hasLayer(marker)) { return; }
    map.setView(marker.getLatLng(), Math.max(map.getZoom(), 13));
    marker.openPopup();
  }

  function tieTimelineToMap() {
    var markers = stopMarkers();
    Object.keys(markers).forEach(function (key) {
      markers[key].marker.on("click", function () {
        var row = markRow(key);
        if (row) { scrollRowIntoTimeline(row); }
      });
    });
    document.querySelectorAll(".stop-row[data-stop]").forEach(function (row) {
      var key = row.getAttribute("data-stop");
      if (!markers[key]) { return; }
      row.classList.add("stop-linked");
      function activate(event) {
        if (event.target.closest && event.target.closest("a")) { return; }  // links keep their own job
        markRow(key);
        showStop(markers[key]);
      }
      row.addEventListener("click", activate);
      row.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); activate(event); }
      });
    });
  }

  foldLayersOnSmallScreens();
  tieTimelineToMap();
})();
