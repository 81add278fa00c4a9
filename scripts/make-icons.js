// Draws the add-in's icons (a blue rounded square with three rising bars, the last one gold)
// and writes them as PNG with nothing but zlib: `npm run icons`.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5, size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Coordinates in a 0..1 box.
function icon(px, py, size) {
  const x = px / size, y = py / size;
  const r = 0.18; // corner radius
  const cx = Math.min(Math.max(x, r), 1 - r), cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return [0, 0, 0, 0];
  const bars = [[0.2, 0.6, [0xc0, 0xc8, 0xd0]], [0.42, 0.42, [0xc0, 0xc8, 0xd0]], [0.64, 0.22, [0xf2, 0xb7, 0x05]]];
  for (const [left, top, color] of bars) {
    if (x >= left && x <= left + 0.16 && y >= top && y <= 0.8) return [...color, 255];
  }
  return [0x0f, 0x4c, 0x81, 255];
}

// The unified manifest's outline icon: the bars in white on a transparent square.
function outline(px, py, size) {
  const [r, g, b, a] = icon(px, py, size);
  return a === 0 || (r === 0x0f && g === 0x4c && b === 0x81) ? [0, 0, 0, 0] : [255, 255, 255, 255];
}

const out = path.join(__dirname, '..', 'assets');
for (const size of [16, 32, 64, 80, 128, 192]) {
  fs.writeFileSync(path.join(out, `icon-${size}.png`), png(size, icon));
}
fs.writeFileSync(path.join(out, 'outline-32.png'), png(32, outline));
process.stdout.write(`icons written to ${out}\n`);
