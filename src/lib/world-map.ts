import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoCentroid, geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { memberStates, numericCodes, type MemberState } from './member-states.ts';

/**
 * The member states drawn as SVG when the site builds (Natural Earth's shapes from world-atlas,
 * projected with d3-geo), so the countries page sends a picture and no JavaScript.
 */
export interface MapShape {
  code: MemberState;
  /** SVG path data, or a dot for states too small for the 1:110m shapes. */
  d?: string;
  dot?: { x: number; y: number };
}

export interface WorldMap {
  width: number;
  height: number;
  /** All land, drawn behind the member states. */
  land: string;
  shapes: MapShape[];
}

const require = createRequire(import.meta.url);
type Countries = Topology<{ countries: GeometryCollection<{ name: string }>; land: GeometryCollection }>;

function atlas(file: string): Countries {
  return JSON.parse(readFileSync(require.resolve(`world-atlas/${file}`), 'utf8')) as Countries;
}

function countriesOf(topology: Countries): Map<string, Feature<Geometry>> {
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry>;
  return new Map(collection.features.map((shape) => [String(shape.id), shape]));
}

let cached: WorldMap | undefined;

export function worldMap(width = 800, height = 380): WorldMap {
  if (cached) return cached;
  const coarse = countriesOf(atlas('countries-110m.json'));
  // Bahrain, the Comoros and the Maldives are too small for 1:110m; 1:50m places them.
  const fine = countriesOf(atlas('countries-50m.json'));
  const members = memberStates.map((code) => ({ code, shape: coarse.get(numericCodes[code]), fallback: fine.get(numericCodes[code]) }));
  const drawn = members.flatMap(({ shape }) => (shape ? [shape] : []));
  const projection = geoEqualEarth()
    .fitExtent([[4, 4], [width - 4, height - 4]], { type: 'FeatureCollection', features: drawn })
    .clipExtent([[0, 0], [width, height]]);
  const path = geoPath(projection).digits(1);
  const landTopology = atlas('land-110m.json');
  const land = path(feature(landTopology, landTopology.objects.land)) ?? '';
  const shapes = members.map(({ code, shape, fallback }): MapShape => {
    if (shape) return { code, d: path(shape) ?? '' };
    const [x = 0, y = 0] = (fallback && projection(geoCentroid(fallback))) || [];
    return { code, dot: { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 } };
  });
  cached = { width, height, land, shapes };
  return cached;
}
