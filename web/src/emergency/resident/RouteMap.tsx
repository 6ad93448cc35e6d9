import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useLoad } from '../../lib/useLoad.js';
import type { ErrandRoute } from '../api.js';

/** `GET /emergency/map-config`: tiles only when the deployment configures them (no external tile server by default). */
interface MapConfig {
  tiles: {
    urlTemplate: string;
    subdomains: string[];
    labelUrlTemplate: string | null;
    attribution: string | null;
    maxZoom: number;
    coordinateSystem: 'wgs84' | 'gcj02';
  } | null;
}

const TILE = 256;
const HEIGHT = 260;

/** WGS-84 → GCJ-02 (the shifted datum of AMap/Tencent tiles inside China). */
function toGcj02(lat: number, lng: number): [number, number] {
  const a = 6378245.0;
  const ee = 0.00669342162296594323;
  const x = lng - 105.0;
  const y = lat - 35.0;
  let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLat += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLat += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  let dLng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLng += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLng += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLng += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - ee * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((a * (1 - ee)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((a / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lat + dLat, lng + dLng];
}

/** Web-Mercator world pixel of a point at zoom z. */
function project(lat: number, lng: number, z: number): [number, number] {
  const scale = TILE * 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lng + 180) / 360) * scale, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale];
}

function tileUrl(template: string, subdomains: string[], z: number, x: number, y: number): string {
  const s = subdomains.length ? subdomains[Math.abs(x + y) % subdomains.length]! : '';
  return template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)).replace('{s}', s);
}

/**
 * The route drawn over the configured tiles: numbered stops joined in order.
 * Nothing is shown when no tiles are configured (the list says it all), so
 * no external tile server is contacted by default.
 */
export function RouteMap({ route, width = 343 }: { route: ErrandRoute; width?: number }) {
  const { t } = useTranslation();
  const config = useLoad((signal) => api.get<MapConfig>('/emergency/map-config', undefined, { signal }).catch(() => ({ tiles: null })), []);
  const tiles = config.data?.tiles;
  if (!tiles || route.stops.length === 0) return null;
  const shift = (lat: number, lng: number): [number, number] => (tiles.coordinateSystem === 'gcj02' ? toGcj02(lat, lng) : [lat, lng]);
  const points = [...(route.start ? [route.start] : []), ...route.stops.map((s) => s.location)].map((p) => shift(p.lat, p.lng));
  // The largest zoom at which every point fits, with a margin.
  let z = Math.min(tiles.maxZoom, 18);
  for (; z > 3; z--) {
    const px = points.map(([lat, lng]) => project(lat, lng, z));
    const w = Math.max(...px.map((p) => p[0])) - Math.min(...px.map((p) => p[0]));
    const h = Math.max(...px.map((p) => p[1])) - Math.min(...px.map((p) => p[1]));
    if (w <= width - 48 && h <= HEIGHT - 48) break;
  }
  const px = points.map(([lat, lng]) => project(lat, lng, z));
  const cx = (Math.max(...px.map((p) => p[0])) + Math.min(...px.map((p) => p[0]))) / 2;
  const cy = (Math.max(...px.map((p) => p[1])) + Math.min(...px.map((p) => p[1]))) / 2;
  const left = cx - width / 2;
  const top = cy - HEIGHT / 2;
  const tilesToDraw: { x: number; y: number }[] = [];
  for (let x = Math.floor(left / TILE); x <= Math.floor((left + width) / TILE); x++)
    for (let y = Math.floor(top / TILE); y <= Math.floor((top + HEIGHT) / TILE); y++) tilesToDraw.push({ x, y });
  const local = px.map(([x, y]) => [x - left, y - top] as const);
  const stopsAt = route.start ? local.slice(1) : local;
  const layer = (template: string) =>
    tilesToDraw.map(({ x, y }) => (
      <img key={`${template.length}-${x}-${y}`} src={tileUrl(template, tiles.subdomains, z, x, y)} alt="" draggable={false} style={{ position: 'absolute', left: x * TILE - left, top: y * TILE - top, width: TILE, height: TILE }} />
    ));
  return (
    <figure className="lx-em-map" style={{ width, height: HEIGHT }} data-testid="route-map">
      {layer(tiles.urlTemplate)}
      {tiles.labelUrlTemplate ? layer(tiles.labelUrlTemplate) : null}
      <svg width={width} height={HEIGHT} className="lx-em-map-overlay" role="img" aria-label={t('emergency.route.mapLabel', { n: route.stops.length })}>
        <polyline points={local.map(([x, y]) => `${x},${y}`).join(' ')} fill="none" stroke="#1677ff" strokeWidth={3} strokeLinejoin="round" />
        {route.start ? <circle cx={local[0]![0]} cy={local[0]![1]} r={6} fill="#52c41a" stroke="#fff" strokeWidth={2} /> : null}
        {route.stops.map((s, i) => (
          <g key={s.seq}>
            <circle cx={stopsAt[i]![0]} cy={stopsAt[i]![1]} r={11} fill={s.kind === 'shop' ? '#722ed1' : s.tier === 0 ? '#cf1322' : '#1677ff'} stroke="#fff" strokeWidth={2} />
            <text x={stopsAt[i]![0]} y={stopsAt[i]![1] + 4} textAnchor="middle" fontSize={12} fontWeight={700} fill="#fff">
              {s.seq}
            </text>
          </g>
        ))}
      </svg>
      {tiles.attribution ? <figcaption className="lx-em-map-credit">{tiles.attribution}</figcaption> : null}
    </figure>
  );
}
