// Draws images/icon.png (128x128 RGBA): a blue shield with a white check mark, the extension's
// marketplace icon. Written with zlib alone so no image tool is needed; 4x4 supersampling
// smooths the edges. Run: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const samples = 4;

// Shield outline: straight sides down to y=0.55, then two curves meeting at the bottom point.
function isInShield(x, y) {
  const cx = 0.5;
  if (y < 0.1 || y > 0.94) return false;
  const top = 0.1 + 0.05 * Math.cos(((x - cx) / 0.38) * Math.PI * 0.5);
  if (y < top) return false;
  if (y <= 0.55) return Math.abs(x - cx) <= 0.38;
  const t = (y - 0.55) / (0.94 - 0.55);
  const halfWidth = 0.38 * Math.sqrt(1 - t * t);
  return Math.abs(x - cx) <= halfWidth;
}

function distanceToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function isInCheck(x, y) {
  const width = 0.055;
  return (
    distanceToSegment(x, y, 0.3, 0.5, 0.44, 0.65) <= width ||
    distanceToSegment(x, y, 0.44, 0.65, 0.71, 0.34) <= width
  );
}

function shade(x, y) {
  let shield = 0;
  let check = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const u = (x + (sx + 0.5) / samples) / size;
      const v = (y + (sy + 0.5) / samples) / size;
      if (isInShield(u, v)) {
        shield++;
        if (isInCheck(u, v)) check++;
      }
    }
  }
  const n = samples * samples;
  const alpha = shield / n;
  const white = shield === 0 ? 0 : check / shield;
  const v = y / size;
  const blue = [Math.round(26 + 30 * v), Math.round(115 - 40 * v), Math.round(232 - 60 * v)];
  const rgb = blue.map((c) => Math.round(c + (255 - c) * white));
  return [...rgb, Math.round(alpha * 255)];
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// PNG chunk: length, type, data, CRC over type and data (PNG spec section 5.3).
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) {
  const row = y * (size * 4 + 1);
  raw[row] = 0;
  for (let x = 0; x < size; x++) {
    Buffer.from(shade(x, y)).copy(raw, row + 1 + x * 4);
  }
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8;
header[9] = 6;
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
