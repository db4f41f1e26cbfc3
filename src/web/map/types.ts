/**
 * The contract between a results page and the map island. The server computes the colours (so the legend it renders
 * and the map always agree) and puts this object in a `<script type="application/json">` next to the map element;
 * the island only draws. Shapes come from `geo`, a GeoJSON FeatureCollection whose features carry `properties.code`
 * (Kemendagri, dotless) — the pages serve them at /peta/{parent}.geojson from the copied boundary files.
 */
export interface MapArea {
  code: string;
  name: string;
  /** Fill colour (CSS hex); the legend beside the map explains it. */
  fill: string;
  /** One line shown on hover/focus, already formatted for the page's locale. */
  label: string;
  /** Where a click leads (the area's own results page). */
  href: string;
}

export interface MapData {
  geo: string;
  areas: MapArea[];
  /** Fill for areas without data. */
  empty: string;
  /** Text for the map's accessible name. */
  title: string;
  attribution: string;
}
