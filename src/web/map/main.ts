import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import type { MapData } from './types.js';

/**
 * The choropleth island: draws the region's children from local GeoJSON with Leaflet and no tile layer (nothing is
 * loaded from outside the portal, issue 6). Colours, labels and links come from the page (see types.ts); the page's
 * table alternative and legend stay the way to read the figures without colour or without a mouse.
 */
function mount(el: HTMLElement): void {
  const dataEl = el.id ? document.getElementById(`${el.id}-data`) : null;
  if (!dataEl?.textContent) return;
  const data = JSON.parse(dataEl.textContent) as MapData;
  const byCode = new Map(data.areas.map((a) => [a.code, a]));

  el.setAttribute('role', 'region');
  el.setAttribute('aria-label', data.title);
  const map = L.map(el, { attributionControl: true, zoomSnap: 0.25, scrollWheelZoom: false });
  map.attributionControl.setPrefix(false).addAttribution(data.attribution);

  fetch(data.geo, { headers: { accept: 'application/geo+json, application/json' } })
    .then((r) => {
      if (!r.ok) throw new Error(`${r.status}`);
      return r.json();
    })
    .then((geo: GeoJSON.FeatureCollection) => {
      const layer = L.geoJSON(geo, {
        style: (feature) => {
          const area = byCode.get(String(feature?.properties?.code));
          return { color: '#ffffff', weight: 1, fillColor: area?.fill ?? data.empty, fillOpacity: 0.9 };
        },
        onEachFeature: (feature, shape) => {
          const area = byCode.get(String(feature.properties?.code));
          const name = area?.name ?? String(feature.properties?.name ?? '');
          shape.bindTooltip(area ? `${name}: ${area.label}` : name, { sticky: true });
          shape.on('mouseover', () => (shape as L.Path).setStyle({ weight: 3, color: '#1b1f24' }));
          shape.on('mouseout', () => layer.resetStyle(shape));
          if (area) shape.on('click', () => window.location.assign(area.href));
        },
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      el.dataset.drawn = String(layer.getLayers().length);
    })
    .catch(() => {
      el.hidden = true;
    });
}

for (const el of document.querySelectorAll<HTMLElement>('[data-island="map"]')) mount(el);
