/* CraftRoute's offline base map for Leaflet: roads, boundaries and names drawn from the
 * app's own GeoJSON files (one per zoom band), and the switch to it when OpenStreetMap's
 * tiles cannot be loaded. Used by every map page (web/maps/offline.py). */
(function () {
  'use strict';

  // Colour and width (px at zoom 12) of each road class; links are drawn thinner.
  var ROADS = {
    motorway: ['#dd9a76', 3.6], trunk: ['#e2a882', 3.4], primary: ['#e8bd84', 3],
    secondary: ['#e2cd88', 2.4], tertiary: ['#c2b8a8', 1.7]
  };
  var MINOR_ROAD = ['#cdc6ba', 1.1];
  var BOUNDARIES = {
    district: {color: '#7d5f9c', weight: 1.6, dashArray: '6 4', opacity: 0.8},
    commune: {color: '#ab98c0', weight: 0.8, dashArray: '3 3', opacity: 0.8}
  };
  var LABEL_RANK = {'district-label': 0, motorway: 1, trunk: 1, primary: 2, secondary: 3, 'commune-label': 4,
                    tertiary: 5};
  var MAX_LABELS = 300;
  var LABEL_CELL = [170, 30];  // px: one label per cell of the screen, so names do not overlap

  function widthScale(zoom) {
    return zoom >= 16 ? 2.2 : zoom >= 15 ? 1.8 : zoom >= 14 ? 1.4 : zoom >= 12 ? 1 : 0.8;
  }

  function styleOf(properties, zoom) {
    if (properties.kind !== 'road') {
      return BOUNDARIES[properties.kind] || BOUNDARIES.commune;
    }
    var klass = properties.road_class || '';
    var link = /_link$/.test(klass);
    var road = ROADS[klass.replace(/_link$/, '')] || MINOR_ROAD;
    return {color: road[0], weight: road[1] * widthScale(zoom) * (link ? 0.6 : 1), opacity: 1,
            lineCap: 'round', lineJoin: 'round'};
  }

  function rankOf(properties) {
    var rank = LABEL_RANK[properties.kind];
    if (rank === undefined) {
      rank = LABEL_RANK[(properties.road_class || '').replace(/_link$/, '')];
    }
    return rank === undefined ? 6 : rank;
  }

  function escapeHtml(text) {
    var span = document.createElement('span');
    span.textContent = text;
    return span.innerHTML;
  }

  L.CraftRouteBaseMap = L.Layer.extend({
    options: {bands: [], attribution: ''},

    initialize: function (options) {
      L.setOptions(this, options);
      this._requests = {};
      this._lines = L.layerGroup();
      this._names = L.layerGroup();
      this._labels = [];
      this._band = -1;
    },

    onAdd: function (map) {
      if (!map.getPane('craftrouteBase')) {
        map.createPane('craftrouteBase').style.zIndex = 250;  // above tiles, under the plan's lines
        var labels = map.createPane('craftrouteLabels');
        labels.style.zIndex = 390;
        labels.style.pointerEvents = 'none';
      }
      this._renderer = this._renderer || L.canvas({pane: 'craftrouteBase', padding: 0.3});
      map.getContainer().classList.add('craftroute-offline');
      this._lines.addTo(map);
      this._names.addTo(map);
      map.on('zoomend', this._update, this);
      map.on('moveend', this._placeLabels, this);
      this._band = -1;
      this._update();
    },

    onRemove: function (map) {
      map.off('zoomend', this._update, this);
      map.off('moveend', this._placeLabels, this);
      this._lines.clearLayers().remove();
      this._names.clearLayers().remove();
      var container = map.getContainer();
      container.classList.remove('craftroute-offline');
      delete container.dataset.roads;
      delete container.dataset.boundaries;
      this._band = -1;
    },

    getAttribution: function () {
      return this.options.attribution;
    },

    _bandAt: function (zoom) {
      var bands = this.options.bands;
      for (var i = 0; i < bands.length; i++) {
        if (zoom >= bands[i].minZoom && zoom <= bands[i].maxZoom) {
          return i;
        }
      }
      return bands.length - 1;
    },

    _fetch: function (band) {
      if (!this._requests[band]) {
        this._requests[band] = fetch(this.options.bands[band].url).then(function (response) {
          if (!response.ok) {
            throw new Error('base map ' + response.status);
          }
          return response.json();
        });
      }
      return this._requests[band];
    },

    _update: function () {
      var map = this._map;
      if (!map) {
        return;
      }
      var band = this._bandAt(map.getZoom());
      if (band === this._band) {
        var zoom = map.getZoom();
        this._lines.eachLayer(function (group) {
          group.setStyle(function (feature) { return styleOf(feature.properties, zoom); });
        });
        return;
      }
      this._band = band;
      var self = this;
      this._fetch(band).then(function (data) {
        if (self._map && self._band === band) {
          self._draw(data);
        }
      }).catch(function (error) {
        self._requests[band] = null;
        if (self._map) {
          self._map.getContainer().dataset.basemapError = String(error);
        }
      });
    },

    _draw: function (data) {
      var zoom = this._map.getZoom();
      var labels = [];
      var counts = {road: 0, boundary: 0};
      var lines = L.geoJSON(data, {
        filter: function (feature) {
          var kind = feature.properties.kind;
          if (/-label$/.test(kind)) {
            labels.push(feature);
            return false;
          }
          counts[kind === 'road' ? 'road' : 'boundary'] += 1;
          return true;
        },
        style: function (feature) { return styleOf(feature.properties, zoom); },
        renderer: this._renderer,
        pane: 'craftrouteBase',
        interactive: false
      });
      labels.sort(function (a, b) { return rankOf(a.properties) - rankOf(b.properties); });
      this._labels = labels;
      this._lines.clearLayers().addLayer(lines);
      var container = this._map.getContainer();
      container.dataset.roads = counts.road;
      container.dataset.boundaries = counts.boundary;
      this._placeLabels();
    },

    _placeLabels: function () {
      var map = this._map;
      if (!map) {
        return;
      }
      this._names.clearLayers();
      var bounds = map.getBounds();
      var taken = {};
      var placed = 0;
      for (var i = 0; i < this._labels.length && placed < MAX_LABELS; i++) {
        var feature = this._labels[i];
        var xy = feature.geometry.coordinates;
        var latlng = L.latLng(xy[1], xy[0]);
        if (!bounds.contains(latlng)) {
          continue;
        }
        var point = map.latLngToContainerPoint(latlng);
        var cell = Math.floor(point.x / LABEL_CELL[0]) + ':' + Math.floor(point.y / LABEL_CELL[1]);
        if (taken[cell]) {
          continue;
        }
        taken[cell] = true;
        placed += 1;
        var kind = feature.properties.kind;
        L.marker(latlng, {
          icon: L.divIcon({className: 'craftroute-label craftroute-' + kind, iconSize: null,
                           html: '<span>' + escapeHtml(feature.properties.name) + '</span>'}),
          interactive: false, keyboard: false, pane: 'craftrouteLabels'
        }).addTo(this._names);
      }
    }
  });

  L.craftRouteBaseMap = function (options) {
    return new L.CraftRouteBaseMap(options);
  };

  /* Whether `layer` is part of the base map (its lines, names), not of what is drawn on it. */
  L.craftRouteBaseMap.owns = function (layer) {
    return layer instanceof L.CraftRouteBaseMap || /^craftroute/.test((layer.options && layer.options.pane) || '');
  };

  /* Put `offline` in place of the map's tile layers when the browser is offline, or when
   * tiles fail before any has loaded (no internet, a blocked tile server). A map whose
   * tiles load keeps them; the layer list can switch either way afterwards. */
  L.craftRouteBaseMap.fallback = function (map, offline) {
    var switched = false;
    var tiles = [];
    map.eachLayer(function (layer) {
      if (layer instanceof L.TileLayer) {
        tiles.push(layer);
      }
    });
    function useOffline() {
      if (switched) {
        return;
      }
      switched = true;
      tiles.forEach(function (layer) { map.removeLayer(layer); });
      map.addLayer(offline);
    }
    if (navigator.onLine === false || tiles.length === 0) {
      useOffline();
      return;
    }
    var loaded = 0;
    tiles.forEach(function (layer) {
      layer.on('tileload', function () { loaded += 1; });
      layer.on('tileerror', function () {
        if (loaded === 0) {
          useOffline();
        }
      });
    });
  };
})();
