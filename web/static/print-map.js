/* Zoom the printed map to every stop with a margin, now and when the page is laid out for print. */
(function () {
  var maps = Object.keys(window).filter(function (key) { return key.indexOf("map_") === 0 && window[key] instanceof L.Map; });
  function fitMap(map) {
    if (map._animatingZoom) { map.once("zoomend", function () { fitMap(map); }); return; }
    var bounds = L.latLngBounds([]);
    map.invalidateSize({animate: false, pan: false});
    map.eachLayer(function (layer) {
      if (L.craftRouteBaseMap && L.craftRouteBaseMap.owns(layer)) { return; }
      if (layer.getLatLng) { bounds.extend(layer.getLatLng()); }
      else if (layer.getBounds && !(layer instanceof L.TileLayer)) { bounds.extend(layer.getBounds()); }
    });
    if (bounds.isValid()) { map.fitBounds(bounds, {padding: [40, 40], animate: false}); }
  }
  function fit() { maps.forEach(function (key) { fitMap(window[key]); }); }
  fit();
  window.addEventListener("beforeprint", fit);
  if (window.matchMedia) { window.matchMedia("print").addEventListener("change", fit); }
})();
