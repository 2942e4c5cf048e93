#!/usr/bin/env node
// Draws Accord's icon — two overlapping circles (two coders' codings, and where they agree) on a
// rounded square — and writes build/icon.svg, build/icon.png (1024 px), build/icon.ico (Windows) and
// build/icon.icns (macOS) from the same geometry. No image tools needed: a small anti-aliased
// rasteriser and PNG/ICO/ICNS writers. Run it again after changing the shapes; the outputs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = join(dirname(fileURLToPath(import.meta.url)), '../build');

// Geometry on a 1024 × 1024 canvas.
const BG = { x: 64, y: 64, size: 896, radius: 200, color: [0x1f, 0x5f, 0x6b] };
const LEFT = { cx: 410, cy: 512, r: 250, color: [0xf2, 0xb1, 0x34] };
const RIGHT = { cx: 614, cy: 512, r: 250, color: [0xf4, 0xf1, 0xea] };
const BOTH = [0xe0, 0x6c, 0x3c];

function inRoundedSquare(x, y) {
  const { x: x0, y: y0, size, radius } = BG;
  const cx = Math.min(Math.max(x, x0 + radius), x0 + size - radius);
  const cy = Math.min(Math.max(y, y0 + radius), y0 + size - radius);
  return x >= x0 && x <= x0 + size && y >= y0 && y <= y0 + size && (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}
const inCircle = (c, x, y) => (x - c.cx) ** 2 + (y - c.cy) ** 2 <= c.r ** 2;

/** The colour (RGBA) of one point of the 1024 canvas. */
function sample(x, y) {
  if (!inRoundedSquare(x, y)) return [0, 0, 0, 0];
  const l = inCircle(LEFT, x, y);
  const r = inCircle(RIGHT, x, y);
  if (l && r) return [...BOTH, 255];
  if (l) return [...LEFT.color, 255];
  if (r) return [...RIGHT.color, 255];
  return [...BG.color, 255];
}

/** RGBA pixels at `size`, 4 × 4 samples per pixel. */
function raster(size) {
  const px = new Uint8Array(size * size * 4);
  const scale = 1024 / size;
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = sample((x + (sx + 0.5) / n) * scale, (y + (sy + 0.5) / n) * scale);
          // Premultiplied, so edges blend toward transparent rather than black.
          acc[0] += c[0] * c[3];
          acc[1] += c[1] * c[3];
          acc[2] += c[2] * c[3];
          acc[3] += c[3];
        }
      }
      const i = (y * size + x) * 4;
      const a = acc[3];
      px[i] = a ? Math.round(acc[0] / a) : 0;
      px[i + 1] = a ? Math.round(acc[1] / a) : 0;
      px[i + 2] = a ? Math.round(acc[2] / a) : 0;
      px[i + 3] = Math.round(a / (n * n));
    }
  }
  return px;
}

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function png(size) {
  const px = raster(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0;
    Buffer.from(px.buffer, y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** ICO with PNG entries (Windows Vista and later read them). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(([size, data]) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map(([, d]) => d)]);
}

/** ICNS with PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x). */
function icns(images) {
  const parts = images.map(([type, data]) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'latin1');
    h.writeUInt32BE(8 + data.length, 4);
    return Buffer.concat([h, data]);
  });
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'latin1');
  h.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([h, ...parts]);
}

function svg() {
  const hex = (c) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  const lens = `M ${512} ${512 - Math.sqrt(LEFT.r ** 2 - 102 ** 2)} A ${LEFT.r} ${LEFT.r} 0 0 1 ${512} ${512 + Math.sqrt(LEFT.r ** 2 - 102 ** 2)} A ${RIGHT.r} ${RIGHT.r} 0 0 1 ${512} ${512 - Math.sqrt(LEFT.r ** 2 - 102 ** 2)} Z`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024" width="1024" height="1024">
  <rect x="${BG.x}" y="${BG.y}" width="${BG.size}" height="${BG.size}" rx="${BG.radius}" fill="${hex(BG.color)}"/>
  <circle cx="${LEFT.cx}" cy="${LEFT.cy}" r="${LEFT.r}" fill="${hex(LEFT.color)}"/>
  <circle cx="${RIGHT.cx}" cy="${RIGHT.cy}" r="${RIGHT.r}" fill="${hex(RIGHT.color)}"/>
  <path d="${lens}" fill="${hex(BOTH)}"/>
</svg>
`;
}

mkdirSync(out, { recursive: true });
const sizes = new Map([16, 24, 32, 48, 64, 128, 256, 512, 1024].map((s) => [s, png(s)]));
writeFileSync(join(out, 'icon.svg'), svg());
writeFileSync(join(out, 'icon.png'), sizes.get(1024));
writeFileSync(join(out, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((s) => [s, sizes.get(s)])));
writeFileSync(join(out, 'icon.icns'), icns([['ic07', sizes.get(128)], ['ic08', sizes.get(256)], ['ic09', sizes.get(512)], ['ic10', sizes.get(1024)]]));
mkdirSync(join(out, 'icons'), { recursive: true });
for (const s of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(join(out, 'icons', `${s}x${s}.png`), sizes.get(s));
console.log('Wrote build/icon.svg, icon.png, icon.ico, icon.icns and icons/*.png');
