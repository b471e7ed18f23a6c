#!/usr/bin/env node
'use strict';
/**
 * Generates the Teams app icons with a tiny PNG encoder (Node's zlib only):
 *   manifest/color.png   192x192 RGBA, full colour: white shield with a blue check on a blue tile
 *   manifest/outline.png  32x32  RGBA, white shield outline on a transparent background
 *
 * Usage: node scripts/make-icons.js [outDir]   (default: manifest/)
 *
 * Shapes are rasterised with 4x4 supersampling for colour; the outline icon is
 * strictly two-valued (transparent or opaque white), as Teams requires.
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

// ---------- PNG encoder ----------
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length, 0);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td), 0);
  return Buffer.concat([len, td, crc]);
}

/** rgba: Uint8Array of width*height*4. Writes colour type 6 (RGBA), 8 bits, filter 0 (None) on every row. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------- shapes (unit coordinates: 0..1 across the icon) ----------
/** Shield: flat-ish top, straight sides, tapering to a point at the bottom. */
function inShield(x, y, inset) {
  const top = 0.14 + inset;
  const bottom = 0.9 - inset * 1.4;
  if (y < top || y > bottom) return false;
  const mid = 0.5;
  // half-width: full on the upper part, narrowing along a curve towards the tip
  const shoulder = 0.52;
  let half = 0.33 - inset;
  // a slight dip in the top edge toward the middle
  const dip = 0.03 * (1 - Math.pow((x - mid) / 0.33, 2));
  if (y < top + Math.max(0, dip)) return false;
  if (y > shoulder) {
    const t = (y - shoulder) / (bottom - shoulder);
    half *= Math.sqrt(Math.max(0, 1 - t * t));
  }
  return Math.abs(x - mid) <= half;
}

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  const cx = ax + t * dx,
    cy = ay + t * dy;
  return Math.hypot(px - cx, py - cy);
}

function inCheck(x, y) {
  const w = 0.045;
  return distToSegment(x, y, 0.36, 0.5, 0.46, 0.62) <= w || distToSegment(x, y, 0.46, 0.62, 0.65, 0.37) <= w;
}

function inRoundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return Math.hypot(x - cx, y - cy) <= r;
}

// ---------- icons ----------
function makeColor(size = 192) {
  const px = new Uint8Array(size * size * 4);
  const ss = 4;
  const bgTop = [0x1f, 0x6f, 0xd8];
  const bgBottom = [0x0b, 0x3d, 0x91];
  const check = [0x10, 0x5c, 0xc4];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const u = (x + (sx + 0.5) / ss) / size;
          const v = (y + (sy + 0.5) / ss) / size;
          if (!inRoundedSquare(u, v, 0.0)) continue; // full square tile (Teams applies its own mask)
          let c = bgTop.map((t, i) => Math.round(t + (bgBottom[i] - t) * v));
          if (inShield(u, v, 0)) c = [0xff, 0xff, 0xff];
          if (inShield(u, v, 0) && inCheck(u, v)) c = check;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 255;
        }
      }
      const n = ss * ss;
      const o = (y * size + x) * 4;
      px[o] = Math.round(r / n);
      px[o + 1] = Math.round(g / n);
      px[o + 2] = Math.round(b / n);
      px[o + 3] = Math.round(a / n);
    }
  }
  return encodePng(size, size, px);
}

function makeOutline(size = 32) {
  const px = new Uint8Array(size * size * 4); // all zero = transparent
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size;
      const v = (y + 0.5) / size;
      // shield ring (outer shield minus inner shield) plus the check mark
      const ring = inShield(u, v, 0) && !inShield(u, v, 0.075);
      const mark = inShield(u, v, 0) && inCheck(u, v);
      if (ring || mark) {
        const o = (y * size + x) * 4;
        px[o] = px[o + 1] = px[o + 2] = px[o + 3] = 255;
      }
    }
  }
  return encodePng(size, size, px);
}

function main() {
  const outDir = path.resolve(process.argv[2] || path.join(__dirname, '..', 'manifest'));
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'color.png'), makeColor());
  fs.writeFileSync(path.join(outDir, 'outline.png'), makeOutline());
  console.log(`Wrote ${path.join(outDir, 'color.png')} (192x192) and ${path.join(outDir, 'outline.png')} (32x32)`);
}

module.exports = { crc32, encodePng, makeColor, makeOutline };

if (require.main === module) main();
