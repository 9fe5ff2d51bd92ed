#!/usr/bin/env node
/**
 * Renders the demo goods, category and banner images (hand-written SVG) to PNG in
 * server/assets/, which the server serves at /assets/. WeChat's <image> wants PNG/JPG, so
 * the SVG is drawn in Chromium, read back as pixels and written as a compact RGB PNG.
 *
 *   node scripts/assets/render-demo-images.mjs            # all images
 *   node scripts/assets/render-demo-images.mjs cherry     # only names containing "cherry"
 *
 * Needs /usr/bin/chromium (apt-get install -y chromium fonts-noto-cjk).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, 'server/assets');
const MAX_BYTES = 60 * 1024;

// ---------------------------------------------------------------- shared pieces

/** A product on a soft two-tone backdrop with a glow behind it and a shadow under it. */
function goodsFrame({ from, to, glow, shadow = 'rgba(80,40,20,0.16)', scale = 1 }, body, defs = '') {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>
    <radialGradient id="glow" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="${glow}" stop-opacity="0.95"/><stop offset="1" stop-color="${glow}" stop-opacity="0"/></radialGradient>
    <radialGradient id="floor" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="${shadow}"/><stop offset="1" stop-color="${shadow}" stop-opacity="0"/></radialGradient>
    ${defs}
  </defs>
  <rect width="600" height="600" fill="url(#bg)"/>
  <circle cx="300" cy="290" r="260" fill="url(#glow)"/>
  <circle cx="520" cy="90" r="34" fill="#fff" opacity="0.35"/>
  <circle cx="80" cy="520" r="22" fill="#fff" opacity="0.3"/>
  <circle cx="92" cy="120" r="10" fill="#fff" opacity="0.45"/>
  <ellipse cx="300" cy="500" rx="200" ry="30" fill="url(#floor)"/>
  <g transform="translate(300 ${500 * (1 - scale)}) scale(${scale}) translate(-300 0)">${body}</g>
</svg>`;
}

const lin = (id, stops, x2 = 0, y2 = 1, x1 = 0, y1 = 0) =>
  `<linearGradient id="${id}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">${stops
    .map(([o, c]) => `<stop offset="${o}" stop-color="${c}"/>`)
    .join('')}</linearGradient>`;
const rad = (id, stops, cx = 0.35, cy = 0.3, r = 0.75) =>
  `<radialGradient id="${id}" cx="${cx}" cy="${cy}" r="${r}">${stops
    .map(([o, c]) => `<stop offset="${o}" stop-color="${c}"/>`)
    .join('')}</radialGradient>`;

// ---------------------------------------------------------------- goods, 600×600

const goods = {
  cherry: goodsFrame(
    { from: '#fff0f1', to: '#ffd9dd', glow: '#ffffff' },
    `<path d="M228 330 C240 240 290 170 350 130" fill="none" stroke="#5c8a2b" stroke-width="11" stroke-linecap="round"/>
     <path d="M392 352 C380 260 370 190 350 130" fill="none" stroke="#5c8a2b" stroke-width="11" stroke-linecap="round"/>
     <path d="M350 132 C400 80 470 80 500 110 C460 150 400 160 350 132Z" fill="url(#leaf)"/>
     <path d="M355 130 C410 112 450 108 492 110" fill="none" stroke="#3f6f1c" stroke-width="4" opacity="0.6"/>
     <ellipse cx="300" cy="492" rx="170" ry="18" fill="#8a1020" opacity="0.12"/>
     <circle cx="230" cy="390" r="112" fill="url(#cherryA)"/>
     <circle cx="395" cy="405" r="100" fill="url(#cherryB)"/>
     <path d="M214 284 C224 296 238 296 246 284" fill="none" stroke="#6b0014" stroke-width="6" stroke-linecap="round" opacity="0.55"/>
     <path d="M380 310 C388 320 400 320 408 310" fill="none" stroke="#6b0014" stroke-width="6" stroke-linecap="round" opacity="0.55"/>
     <ellipse cx="188" cy="345" rx="26" ry="40" transform="rotate(30 188 345)" fill="#fff" opacity="0.55"/>
     <ellipse cx="360" cy="365" rx="20" ry="34" transform="rotate(30 360 365)" fill="#fff" opacity="0.5"/>
     <circle cx="172" cy="392" r="8" fill="#fff" opacity="0.6"/>`,
    lin('leaf', [[0, '#8fce4a'], [1, '#4f8f22']], 1, 1) +
      rad('cherryA', [[0, '#ff6b7d'], [0.45, '#d8142f'], [1, '#7d0619']]) +
      rad('cherryB', [[0, '#ff7d8c'], [0.45, '#e01d36'], [1, '#85081d']]),
  ),

  mango: goodsFrame(
    { from: '#fff8e1', to: '#ffe5a8', glow: '#fffdf4' },
    `<path d="M330 210 C420 190 500 250 500 340 C500 430 420 480 350 470 C330 430 320 300 330 210Z" fill="url(#mango2)"/>
     <path d="M170 350 C150 240 250 160 350 180 C450 200 470 320 420 400 C370 480 260 500 210 460 C185 440 175 400 170 350Z" fill="url(#mango)"/>
     <path d="M200 380 C190 300 230 230 300 205" fill="none" stroke="#fff" stroke-width="16" stroke-linecap="round" opacity="0.35"/>
     <path d="M356 182 C360 160 366 150 376 140" fill="none" stroke="#7a4a1d" stroke-width="10" stroke-linecap="round"/>
     <path d="M374 142 C420 90 500 96 530 120 C490 160 420 170 374 142Z" fill="url(#leafM)"/>
     <path d="M378 142 C430 126 480 118 522 120" fill="none" stroke="#2f6b1a" stroke-width="4" opacity="0.5"/>
     <ellipse cx="380" cy="230" rx="48" ry="30" fill="#9ccf3d" opacity="0.25" transform="rotate(20 380 230)"/>`,
    lin('mango', [[0, '#ffd84a'], [0.5, '#ffa62b'], [1, '#f2612a']], 0.2, 1, 0.8, 0) +
      lin('mango2', [[0, '#ffe27a'], [1, '#f5902a']], 0, 1, 1, 0) +
      lin('leafM', [[0, '#86c94a'], [1, '#3f8a25']], 1, 1),
  ),

  nuts: goodsFrame(
    { from: '#fff4e6', to: '#f6dcc0', glow: '#fffaf2' },
    `<rect x="150" y="250" width="300" height="220" rx="16" fill="url(#box)"/>
     <rect x="130" y="212" width="340" height="70" rx="14" fill="url(#lid)"/>
     <rect x="276" y="212" width="48" height="258" fill="url(#ribbon)"/>
     <rect x="130" y="236" width="340" height="22" fill="#f2c14e" opacity="0.9"/>
     <path d="M300 214 C250 150 200 160 212 196 C222 224 270 220 300 214Z" fill="#f7cf5c"/>
     <path d="M300 214 C350 150 400 160 388 196 C378 224 330 220 300 214Z" fill="#f2c14e"/>
     <circle cx="300" cy="212" r="18" fill="#e4a935"/>
     <ellipse cx="190" cy="476" rx="44" ry="26" transform="rotate(-20 190 476)" fill="url(#almond)"/>
     <path d="M175 470 C190 462 205 470 212 480" stroke="#7a4420" stroke-width="3" fill="none" opacity="0.5"/>
     <path d="M270 500 C250 460 290 430 320 450 C300 452 290 475 300 500 C290 510 276 508 270 500Z" fill="#f0d29a"/>
     <circle cx="390" cy="478" r="38" fill="url(#walnut)"/>
     <path d="M372 466 C384 454 396 470 408 458 M366 486 C380 478 392 494 410 484" stroke="#6b3d17" stroke-width="4" fill="none" opacity="0.55"/>
     <ellipse cx="455" cy="500" rx="26" ry="18" fill="#c9d98a"/>
     <ellipse cx="455" cy="500" rx="14" ry="10" fill="#8fb348"/>`,
    lin('box', [[0, '#d9573f'], [1, '#a83526']]) +
      lin('lid', [[0, '#e8684b'], [1, '#c24630']]) +
      lin('ribbon', [[0, '#f7d56b'], [1, '#e0a72f']], 1, 0) +
      rad('almond', [[0, '#d69a5c'], [1, '#8f5423']]) +
      rad('walnut', [[0, '#cf9a62'], [1, '#8a5a2b']]),
  ),

  tea: goodsFrame(
    { from: '#eef8ec', to: '#cfe9cf', glow: '#fbfff9' },
    `<path d="M240 150 C220 120 260 100 240 70" fill="none" stroke="#fff" stroke-width="10" stroke-linecap="round" opacity="0.8"/>
     <path d="M300 160 C280 125 320 105 300 70" fill="none" stroke="#fff" stroke-width="10" stroke-linecap="round" opacity="0.8"/>
     <path d="M360 150 C340 120 380 100 360 70" fill="none" stroke="#fff" stroke-width="10" stroke-linecap="round" opacity="0.8"/>
     <ellipse cx="300" cy="455" rx="200" ry="40" fill="url(#saucer)"/>
     <ellipse cx="300" cy="448" rx="150" ry="24" fill="#bfe0cd"/>
     <path d="M428 270 C500 262 510 360 420 370" fill="none" stroke="url(#cup)" stroke-width="26" stroke-linecap="round"/>
     <path d="M160 240 L440 240 C440 360 380 445 300 445 C220 445 160 360 160 240Z" fill="url(#cup)"/>
     <ellipse cx="300" cy="240" rx="140" ry="34" fill="url(#rim)"/>
     <ellipse cx="300" cy="244" rx="124" ry="26" fill="url(#teaLiquid)"/>
     <path d="M190 280 C196 340 220 390 256 420" fill="none" stroke="#fff" stroke-width="14" stroke-linecap="round" opacity="0.35"/>
     <path d="M95 430 C90 380 130 350 170 360 C170 400 140 430 95 430Z" fill="#5fae4c"/>
     <path d="M100 425 C120 400 140 380 165 364" stroke="#2f7a2a" stroke-width="3" fill="none"/>
     <path d="M470 470 C500 430 545 432 560 450 C540 480 500 488 470 470Z" fill="#74c05c"/>`,
    lin('cup', [[0, '#a8dcc0'], [1, '#5faa86']], 1, 1) +
      lin('saucer', [[0, '#d7eee0'], [1, '#98cbb0']]) +
      lin('rim', [[0, '#e4f5ea'], [1, '#b7dfc8']]) +
      rad('teaLiquid', [[0, '#e3e98a'], [1, '#a9b94a']], 0.5, 0.4, 0.7),
  ),

  lipstick: goodsFrame(
    { from: '#fff0f3', to: '#ffd3dc', glow: '#fffafb' },
    `<path d="M110 470 C200 420 330 430 470 380 C500 372 510 400 480 410 C360 460 220 470 120 492 C98 496 92 480 110 470Z" fill="#e0334f" opacity="0.22"/>
     <path d="M262 250 L262 160 C262 140 300 110 338 118 L338 250Z" fill="url(#bullet)"/>
     <path d="M262 160 L338 118" stroke="#fff" stroke-width="4" opacity="0.35"/>
     <rect x="272" y="140" width="12" height="100" rx="6" fill="#fff" opacity="0.3"/>
     <rect x="248" y="240" width="104" height="70" rx="6" fill="url(#gold)"/>
     <rect x="236" y="300" width="128" height="190" rx="14" fill="url(#tube)"/>
     <rect x="236" y="300" width="128" height="16" fill="url(#gold)"/>
     <rect x="252" y="330" width="14" height="140" rx="7" fill="#fff" opacity="0.18"/>
     <g transform="rotate(-14 450 430)">
       <rect x="395" y="300" width="110" height="170" rx="14" fill="url(#tube)"/>
       <rect x="395" y="300" width="110" height="18" fill="url(#gold)"/>
       <rect x="410" y="326" width="12" height="126" rx="6" fill="#fff" opacity="0.18"/>
     </g>`,
    lin('bullet', [[0, '#ff5570'], [1, '#b5122f']], 1, 0) +
      lin('gold', [[0, '#f8e2a0'], [0.5, '#d9a84b'], [1, '#f5d98a']], 1, 0) +
      lin('tube', [[0, '#3a2230'], [0.5, '#1e1218'], [1, '#3b2331']], 1, 0),
  ),

  facemask: goodsFrame(
    { from: '#eef6ff', to: '#cfe3fb', glow: '#ffffff' },
    `<g transform="rotate(-10 230 320)">
       <rect x="120" y="150" width="220" height="320" rx="26" fill="url(#packPink)"/>
       <path d="M120 182 L340 182" stroke="#fff" stroke-width="4" stroke-dasharray="10 8" opacity="0.6"/>
     </g>
     <rect x="240" y="120" width="240" height="350" rx="28" fill="url(#pack)"/>
     <path d="M240 156 L480 156 M240 434 L480 434" stroke="#fff" stroke-width="4" stroke-dasharray="10 8" opacity="0.7"/>
     <path d="M360 200 C360 200 290 280 290 330 C290 370 322 400 360 400 C398 400 430 370 430 330 C430 280 360 200 360 200Z" fill="url(#drop)"/>
     <ellipse cx="334" cy="320" rx="14" ry="24" fill="#fff" opacity="0.55"/>
     <circle cx="452" cy="214" r="10" fill="#fff" opacity="0.7"/>
     <circle cx="270" cy="420" r="7" fill="#fff" opacity="0.7"/>
     <circle cx="120" cy="470" r="18" fill="#9fd0ff" opacity="0.6"/>
     <circle cx="500" cy="480" r="12" fill="#9fd0ff" opacity="0.6"/>`,
    lin('pack', [[0, '#ffffff'], [1, '#bcd9fa']], 1, 1) +
      lin('packPink', [[0, '#ffe1ea'], [1, '#f7b6c8']], 1, 1) +
      lin('drop', [[0, '#7cc4ff'], [1, '#2f7fe0']], 1, 1),
  ),

  towel: goodsFrame(
    { from: '#f3f0ff', to: '#dcd6f6', glow: '#ffffff', scale: 1.25 },
    `<rect x="140" y="370" width="320" height="100" rx="22" fill="url(#t3)"/>
     <rect x="140" y="440" width="320" height="12" fill="#fff" opacity="0.5"/>
     <rect x="160" y="280" width="290" height="96" rx="22" fill="url(#t2)"/>
     <rect x="160" y="346" width="290" height="12" fill="#fff" opacity="0.5"/>
     <rect x="180" y="190" width="250" height="96" rx="22" fill="url(#t1)"/>
     <rect x="180" y="256" width="250" height="12" fill="#e7c79c" opacity="0.8"/>
     <path d="M400 190 C440 190 440 286 400 286" fill="#000" opacity="0.06"/>
     <path d="M420 280 C460 280 460 376 420 376" fill="#000" opacity="0.06"/>
     <path d="M430 370 C470 370 470 470 430 470" fill="#000" opacity="0.06"/>
     <path d="M210 215 L360 215" stroke="#fff" stroke-width="8" stroke-linecap="round" opacity="0.55"/>`,
    lin('t1', [[0, '#fff7ea'], [1, '#f3dfbf']]) + lin('t2', [[0, '#b9dcc6'], [1, '#8fc0a3']]) + lin('t3', [[0, '#a9cdf0'], [1, '#7aaee0']]),
  ),

  cup: goodsFrame(
    { from: '#ecfaf6', to: '#c7ece1', glow: '#ffffff', scale: 1.08 },
    `<rect x="262" y="96" width="76" height="30" rx="10" fill="url(#steel)"/>
     <rect x="232" y="120" width="136" height="74" rx="18" fill="url(#steel)"/>
     <rect x="226" y="186" width="148" height="20" rx="6" fill="#d6dde0"/>
     <rect x="226" y="200" width="148" height="292" rx="40" fill="url(#flask)"/>
     <rect x="248" y="226" width="18" height="230" rx="9" fill="#fff" opacity="0.28"/>
     <rect x="226" y="452" width="148" height="40" rx="20" fill="#1f5d52" opacity="0.35"/>
     <circle cx="330" cy="300" r="22" fill="#fff" opacity="0.16"/>
     <path d="M140 470 C150 430 180 420 190 440" fill="none" stroke="#7ccfb6" stroke-width="10" stroke-linecap="round"/>
     <circle cx="470" cy="440" r="26" fill="#fff" opacity="0.5"/>`,
    lin('steel', [[0, '#f4f6f7'], [0.5, '#c3cbd0'], [1, '#eef1f3']], 1, 0) + lin('flask', [[0, '#2a8a76'], [0.55, '#46b59b'], [1, '#2a8a76']], 1, 0),
  ),

  earphones: goodsFrame(
    { from: '#eef2fb', to: '#d3dcf1', glow: '#ffffff', scale: 1.12 },
    `<rect x="160" y="270" width="280" height="200" rx="90" fill="url(#case)"/>
     <path d="M170 340 L430 340" stroke="#c5ccd8" stroke-width="4"/>
     <circle cx="300" cy="400" r="6" fill="#57d18a"/>
     <rect x="180" y="284" width="200" height="18" rx="9" fill="#fff" opacity="0.7"/>
     <g transform="rotate(-18 220 200)">
       <circle cx="220" cy="180" r="46" fill="url(#bud)"/>
       <circle cx="208" cy="176" r="18" fill="#2b2f3a"/>
       <rect x="228" y="190" width="30" height="110" rx="15" fill="url(#bud)"/>
     </g>
     <g transform="rotate(18 380 200)">
       <circle cx="380" cy="180" r="46" fill="url(#bud)"/>
       <circle cx="392" cy="176" r="18" fill="#2b2f3a"/>
       <rect x="342" y="190" width="30" height="110" rx="15" fill="url(#bud)"/>
     </g>`,
    lin('case', [[0, '#ffffff'], [1, '#dfe4ec']]) + rad('bud', [[0, '#ffffff'], [1, '#d2d8e2']], 0.35, 0.3, 0.9),
  ),

  powerbank: goodsFrame(
    { from: '#f1efff', to: '#d9d3fb', glow: '#ffffff' },
    `<path d="M300 486 C300 530 200 520 180 490 C160 460 120 470 110 500" fill="none" stroke="#4c4f6b" stroke-width="10" stroke-linecap="round"/>
     <rect x="282" y="112" width="36" height="16" rx="6" fill="#3a3d55"/>
     <rect x="200" y="124" width="200" height="360" rx="40" fill="url(#pb)"/>
     <rect x="218" y="140" width="16" height="320" rx="8" fill="#fff" opacity="0.12"/>
     <path d="M312 210 L262 310 L298 310 L282 390 L346 280 L308 280 L330 210Z" fill="url(#bolt)"/>
     <circle cx="262" cy="440" r="7" fill="#57e08f"/>
     <circle cx="286" cy="440" r="7" fill="#57e08f"/>
     <circle cx="310" cy="440" r="7" fill="#57e08f"/>
     <circle cx="334" cy="440" r="7" fill="#57e08f" opacity="0.35"/>`,
    lin('pb', [[0, '#4a4e70'], [1, '#23263a']], 1, 1) + lin('bolt', [[0, '#ffe36b'], [1, '#ffb020']]),
  ),

  rice: goodsFrame(
    { from: '#fffbef', to: '#f3e6c4', glow: '#ffffff' },
    `<path d="M190 200 C170 260 150 380 170 460 C180 490 420 490 430 460 C450 380 430 260 410 200Z" fill="url(#sack)"/>
     <path d="M190 200 C230 180 370 180 410 200 C400 170 380 140 300 140 C220 140 200 170 190 200Z" fill="#ead4a4"/>
     <path d="M206 196 C260 214 340 214 394 196" fill="none" stroke="#a4773f" stroke-width="12" stroke-linecap="round"/>
     <circle cx="300" cy="340" r="78" fill="#fffaf0"/>
     <circle cx="300" cy="340" r="78" fill="none" stroke="#7fb04a" stroke-width="6"/>
     <path d="M300 400 C300 360 300 320 306 282" stroke="#7fb04a" stroke-width="5" fill="none"/>
     <g fill="#e8b94a">
       <ellipse cx="290" cy="300" rx="8" ry="14" transform="rotate(-25 290 300)"/>
       <ellipse cx="320" cy="304" rx="8" ry="14" transform="rotate(25 320 304)"/>
       <ellipse cx="288" cy="330" rx="8" ry="14" transform="rotate(-25 288 330)"/>
       <ellipse cx="318" cy="334" rx="8" ry="14" transform="rotate(25 318 334)"/>
       <ellipse cx="286" cy="360" rx="8" ry="14" transform="rotate(-25 286 360)"/>
       <ellipse cx="316" cy="364" rx="8" ry="14" transform="rotate(25 316 364)"/>
     </g>
     <g fill="#fff">
       <ellipse cx="140" cy="486" rx="8" ry="5" transform="rotate(20 140 486)"/>
       <ellipse cx="162" cy="500" rx="8" ry="5" transform="rotate(-10 162 500)"/>
       <ellipse cx="450" cy="494" rx="8" ry="5" transform="rotate(30 450 494)"/>
       <ellipse cx="476" cy="480" rx="8" ry="5" transform="rotate(-20 476 480)"/>
       <ellipse cx="430" cy="508" rx="8" ry="5"/>
     </g>`,
    lin('sack', [[0, '#f7e8c6'], [1, '#dfc38f']], 1, 1),
  ),

  coffee: goodsFrame(
    { from: '#fbf1e7', to: '#ead2bb', glow: '#fffaf4' },
    `<g transform="rotate(-8 220 230)">
       <rect x="130" y="120" width="180" height="220" rx="10" fill="url(#bag)"/>
       <path d="M130 150 L310 150" stroke="#fff" stroke-width="4" stroke-dasharray="8 6" opacity="0.7"/>
       <circle cx="220" cy="250" r="40" fill="#8b5a3c"/>
       <ellipse cx="220" cy="250" rx="14" ry="24" fill="#5b3420"/>
       <path d="M220 228 C212 244 228 256 220 272" stroke="#8b5a3c" stroke-width="4" fill="none"/>
     </g>
     <ellipse cx="360" cy="462" rx="170" ry="34" fill="url(#saucerC)"/>
     <path d="M470 340 C540 336 540 420 462 414" fill="none" stroke="#f4f0ec" stroke-width="22" stroke-linecap="round"/>
     <path d="M240 320 L480 320 C480 410 430 460 360 460 C290 460 240 410 240 320Z" fill="url(#mug)"/>
     <ellipse cx="360" cy="320" rx="120" ry="30" fill="#f6f2ee"/>
     <ellipse cx="360" cy="322" rx="104" ry="22" fill="url(#crema)"/>
     <path d="M360 334 C340 318 330 306 344 300 C352 297 358 302 360 308 C362 302 368 297 376 300 C390 306 380 318 360 334Z" fill="#f7e7d3"/>
     <g fill="#6b3f26">
       <ellipse cx="120" cy="470" rx="22" ry="15" transform="rotate(-30 120 470)"/>
       <ellipse cx="170" cy="500" rx="22" ry="15" transform="rotate(20 170 500)"/>
       <ellipse cx="540" cy="500" rx="20" ry="14" transform="rotate(-20 540 500)"/>
     </g>
     <g stroke="#3e2214" stroke-width="3" fill="none">
       <path d="M106 478 C116 470 126 470 134 462"/>
       <path d="M156 494 C166 500 176 502 184 506"/>
       <path d="M528 506 C538 500 546 498 552 494"/>
     </g>`,
    lin('bag', [[0, '#f3e1c9'], [1, '#d9b891']], 1, 1) +
      lin('mug', [[0, '#ffffff'], [1, '#e3dcd5']], 1, 0) +
      lin('saucerC', [[0, '#ffffff'], [1, '#d8cfc6']]) +
      rad('crema', [[0, '#c98a54'], [1, '#6e3f1f']], 0.5, 0.5, 0.6),
  ),
};

// ---------------------------------------------------------------- categories, 120×120

function categoryIcon(from, to, glyph) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120">
  <defs><linearGradient id="c" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
  <rect width="120" height="120" fill="url(#c)"/>
  <circle cx="98" cy="20" r="16" fill="#fff" opacity="0.25"/>
  ${glyph}
</svg>`;
}

const categories = {
  fruit: categoryIcon(
    '#ffe9e4',
    '#ffc9bd',
    `<path d="M60 40 C48 30 28 34 28 58 C28 80 44 96 60 90 C76 96 92 80 92 58 C92 34 72 30 60 40Z" fill="#f2443a"/>
     <path d="M60 40 C60 32 62 26 66 22" stroke="#6b4a1d" stroke-width="4" stroke-linecap="round" fill="none"/>
     <path d="M64 30 C72 20 86 22 88 26 C80 34 70 34 64 30Z" fill="#57a83a"/>
     <ellipse cx="44" cy="56" rx="6" ry="10" fill="#fff" opacity="0.5" transform="rotate(20 44 56)"/>`,
  ),
  snacks: categoryIcon(
    '#fff4dc',
    '#ffdf9e',
    `<circle cx="60" cy="62" r="32" fill="#e0a04f"/>
     <circle cx="60" cy="62" r="32" fill="none" stroke="#c7833a" stroke-width="4"/>
     <circle cx="48" cy="52" r="5" fill="#6b3f1f"/><circle cx="68" cy="48" r="4" fill="#6b3f1f"/>
     <circle cx="72" cy="70" r="5" fill="#6b3f1f"/><circle cx="52" cy="74" r="4" fill="#6b3f1f"/>
     <circle cx="60" cy="62" r="3" fill="#6b3f1f"/>`,
  ),
  beauty: categoryIcon(
    '#ffe8f1',
    '#ffc4da',
    `<rect x="46" y="58" width="28" height="40" rx="5" fill="#2d1d27"/>
     <rect x="46" y="58" width="28" height="6" fill="#e2b45a"/>
     <rect x="49" y="46" width="22" height="14" fill="#e2b45a"/>
     <path d="M51 46 L51 28 C51 24 62 18 69 22 L69 46Z" fill="#e23a5c"/>`,
  ),
  home: categoryIcon(
    '#e5f6ee',
    '#bfe8d3',
    `<path d="M24 60 L60 30 L96 60" fill="none" stroke="#2f9a6e" stroke-width="8" stroke-linecap="round" stroke-linejoin="round"/>
     <path d="M34 56 L34 92 L86 92 L86 56 L60 36Z" fill="#3fb583"/>
     <rect x="52" y="68" width="16" height="24" rx="3" fill="#fff"/>
     <circle cx="64" cy="80" r="1.8" fill="#3fb583"/>`,
  ),
  digital: categoryIcon(
    '#e6efff',
    '#c3d6ff',
    `<path d="M30 70 C30 40 44 28 60 28 C76 28 90 40 90 70" fill="none" stroke="#3d6fe0" stroke-width="7" stroke-linecap="round"/>
     <rect x="24" y="62" width="18" height="30" rx="8" fill="#3d6fe0"/>
     <rect x="78" y="62" width="18" height="30" rx="8" fill="#3d6fe0"/>
     <rect x="28" y="68" width="5" height="18" rx="2.5" fill="#fff" opacity="0.5"/>`,
  ),
};

// ---------------------------------------------------------------- banners, 750×300

const FONT = `font-family="'Noto Sans CJK SC','Noto Sans SC',sans-serif"`;

const banners = {
  'double-points': `<svg xmlns="http://www.w3.org/2000/svg" width="750" height="300" viewBox="0 0 750 300">
  <defs>
    <linearGradient id="b" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#ff8a3d"/><stop offset="1" stop-color="#ff3d2e"/></linearGradient>
    <radialGradient id="coin" cx="0.35" cy="0.3" r="0.8"><stop offset="0" stop-color="#fff3b0"/><stop offset="0.55" stop-color="#ffc83d"/><stop offset="1" stop-color="#e08a00"/></radialGradient>
  </defs>
  <rect width="750" height="300" fill="url(#b)"/>
  <circle cx="640" cy="-20" r="170" fill="#fff" opacity="0.08"/>
  <circle cx="700" cy="300" r="120" fill="#fff" opacity="0.07"/>
  <circle cx="40" cy="300" r="90" fill="#fff" opacity="0.06"/>
  <rect x="48" y="48" width="168" height="44" rx="22" fill="#fff" opacity="0.22"/>
  <text x="132" y="78" text-anchor="middle" ${FONT} font-size="24" font-weight="700" fill="#fff">每周五 会员日</text>
  <text x="48" y="160" ${FONT} font-size="56" font-weight="700" fill="#fff">会员日 积分翻倍</text>
  <text x="50" y="208" ${FONT} font-size="26" fill="#fff" opacity="0.92">全场消费积分 ×2 · 好礼随心兑</text>
  <rect x="48" y="228" width="150" height="44" rx="22" fill="#fff"/>
  <text x="123" y="258" text-anchor="middle" ${FONT} font-size="22" font-weight="700" fill="#ff4d2e">立即查看 ›</text>
  <g transform="translate(620 160)">
    <ellipse cx="0" cy="92" rx="96" ry="14" fill="#8a1d00" opacity="0.18"/>
    <ellipse cx="-30" cy="60" rx="70" ry="24" fill="#e08a00"/>
    <ellipse cx="-30" cy="50" rx="70" ry="24" fill="url(#coin)"/>
    <ellipse cx="-30" cy="30" rx="70" ry="24" fill="#e08a00"/>
    <ellipse cx="-30" cy="20" rx="70" ry="24" fill="url(#coin)"/>
    <circle cx="30" cy="-10" r="78" fill="#e08a00"/>
    <circle cx="26" cy="-16" r="78" fill="url(#coin)"/>
    <circle cx="26" cy="-16" r="60" fill="none" stroke="#fff" stroke-width="5" opacity="0.55"/>
    <text x="26" y="6" text-anchor="middle" ${FONT} font-size="60" font-weight="700" fill="#c25e00">×2</text>
  </g>
  <path d="M470 70 l6 14 14 6 -14 6 -6 14 -6 -14 -14 -6 14 -6z" fill="#fff6c2"/>
  <path d="M690 210 l4 9 9 4 -9 4 -4 9 -4 -9 -9 -4 9 -4z" fill="#fff6c2"/>
</svg>`,

  'new-member': `<svg xmlns="http://www.w3.org/2000/svg" width="750" height="300" viewBox="0 0 750 300">
  <defs>
    <linearGradient id="b" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#ffb36b"/><stop offset="1" stop-color="#ff6f61"/></linearGradient>
    <linearGradient id="box" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fff4e8"/><stop offset="1" stop-color="#ffd9c2"/></linearGradient>
    <linearGradient id="rib" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#ff5a4e"/><stop offset="1" stop-color="#e5342a"/></linearGradient>
  </defs>
  <rect width="750" height="300" fill="url(#b)"/>
  <circle cx="120" cy="-40" r="150" fill="#fff" opacity="0.1"/>
  <circle cx="720" cy="260" r="140" fill="#fff" opacity="0.08"/>
  <rect x="48" y="48" width="150" height="44" rx="22" fill="#fff" opacity="0.25"/>
  <text x="123" y="78" text-anchor="middle" ${FONT} font-size="24" font-weight="700" fill="#fff">新人专享</text>
  <text x="48" y="160" ${FONT} font-size="56" font-weight="700" fill="#fff">新人礼 100 积分</text>
  <text x="50" y="208" ${FONT} font-size="26" fill="#fff" opacity="0.92">注册即送 · 积分可直接兑换好物</text>
  <rect x="48" y="228" width="150" height="44" rx="22" fill="#fff"/>
  <text x="123" y="258" text-anchor="middle" ${FONT} font-size="22" font-weight="700" fill="#ff5a4e">立即领取 ›</text>
  <g transform="translate(628 170)">
    <ellipse cx="0" cy="92" rx="100" ry="14" fill="#7a1b00" opacity="0.18"/>
    <rect x="-80" y="-6" width="160" height="96" rx="10" fill="url(#box)"/>
    <rect x="-92" y="-40" width="184" height="42" rx="10" fill="#fff7ef"/>
    <rect x="-14" y="-40" width="28" height="130" fill="url(#rib)"/>
    <path d="M0 -40 C-40 -100 -90 -80 -76 -54 C-66 -36 -30 -38 0 -40Z" fill="#ff5a4e"/>
    <path d="M0 -40 C40 -100 90 -80 76 -54 C66 -36 30 -38 0 -40Z" fill="#e5342a"/>
    <circle cx="0" cy="-40" r="13" fill="#c9261d"/>
  </g>
  <path d="M470 80 l6 14 14 6 -14 6 -6 14 -6 -14 -14 -6 14 -6z" fill="#fff6c2"/>
  <path d="M705 60 l4 9 9 4 -9 4 -4 9 -4 -9 -9 -4 9 -4z" fill="#fff6c2"/>
  <circle cx="500" cy="230" r="8" fill="#fff" opacity="0.6"/>
</svg>`,
};

// ---------------------------------------------------------------- PNG writer

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Opaque RGB PNG; each row takes the filter with the smallest sum of residuals, then deflate -9.
 * `step` > 1 rounds every channel to a multiple of it: Skia dithers gradients, and that ±1
 * noise is what makes flat art compress badly; a few levels less per channel removes it.
 */
function encodePng(width, height, rgba, step = 1) {
  const stride = width * 3;
  const rgb = Buffer.alloc(stride * height);
  const level = (v) => Math.min(255, Math.round(v / step) * step);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = level(rgba[i]);
    rgb[j + 1] = level(rgba[i + 1]);
    rgb[j + 2] = level(rgba[i + 2]);
  }
  const out = Buffer.alloc((stride + 1) * height);
  const candidate = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const row = rgb.subarray(y * stride, (y + 1) * stride);
    const up = y > 0 ? rgb.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    let best = null;
    let bestScore = Infinity;
    for (let filter = 0; filter < 5; filter++) {
      let score = 0;
      for (let x = 0; x < stride; x++) {
        const a = x >= 3 ? row[x - 3] : 0;
        const b = up[x];
        const c = x >= 3 ? up[x - 3] : 0;
        const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
        const value = (row[x] - predictor) & 0xff;
        candidate[x] = value;
        score += value < 128 ? value : 256 - value;
      }
      if (score < bestScore) {
        bestScore = score;
        best = Buffer.concat([Buffer.from([filter]), candidate]);
      }
    }
    best.copy(out, y * (stride + 1));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour, no alpha
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(out, { level: 9, memLevel: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- points mall items, 600×600

const mall = {
  // A coupon ticket: the points mall sells coupons.
  coupon: goodsFrame(
    { from: '#fff1e8', to: '#ffd9c2', glow: '#fff7f0' },
    `<g transform="rotate(-8 300 300)">
       <rect x="110" y="190" width="380" height="210" rx="26" fill="url(#ticket)"/>
       <circle cx="250" cy="190" r="18" fill="#ffe6d6"/><circle cx="250" cy="400" r="18" fill="#ffe6d6"/>
       <path d="M250 222 L250 368" stroke="#fff" stroke-width="5" stroke-dasharray="10 10" opacity="0.8"/>
       <text x="180" y="318" text-anchor="middle" ${FONT} font-size="84" font-weight="700" fill="#fff">¥</text>
       <text x="370" y="300" text-anchor="middle" ${FONT} font-size="64" font-weight="700" fill="#fff">优惠券</text>
       <text x="370" y="350" text-anchor="middle" ${FONT} font-size="30" fill="#ffe9dc">积分兑换</text>
     </g>`,
    lin('ticket', [[0, '#ff7a3d'], [1, '#ff4d2e']], 1, 1),
  ),
  // A membership card for virtual items.
  vip: goodsFrame(
    { from: '#efeaff', to: '#d9d0ff', glow: '#f7f4ff' },
    `<g transform="rotate(6 300 300)">
       <rect x="120" y="180" width="360" height="230" rx="28" fill="url(#card)"/>
       <rect x="150" y="220" width="70" height="52" rx="10" fill="#f3d58a"/>
       <text x="300" y="330" text-anchor="middle" ${FONT} font-size="72" font-weight="700" fill="#fff">VIP</text>
       <text x="300" y="380" text-anchor="middle" ${FONT} font-size="30" fill="#e8e2ff">会员月卡</text>
     </g>`,
    lin('card', [[0, '#5b4bd6'], [1, '#2e2580']], 1, 1),
  ),
};

// ---------------------------------------------------------------- render

const jobs = [
  ...Object.entries(goods).map(([slug, svg]) => ({ file: `goods/${slug}.png`, svg, width: 600, height: 600 })),
  ...Object.entries(categories).map(([slug, svg]) => ({ file: `categories/${slug}.png`, svg, width: 120, height: 120 })),
  ...Object.entries(banners).map(([slug, svg]) => ({ file: `banners/${slug}.png`, svg, width: 750, height: 300 })),
  ...Object.entries(mall).map(([slug, svg]) => ({ file: `mall/${slug}.png`, svg, width: 600, height: 600 })),
];

const only = process.argv[2];
const profile = mkdtempSync(join(tmpdir(), 'render-demo-images-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><canvas id="c"></canvas>');
  for (const job of jobs.filter((j) => !only || j.file.includes(only))) {
    // Draw the SVG on a canvas and read the pixels back (fonts come from the system: Noto CJK).
    const base64 = await page.evaluate(async ({ svg, width, height }) => {
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      await img.decode();
      const canvas = document.getElementById('c');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, width, height);
      ctx.drawImage(img, 0, 0, width, height);
      const { data } = ctx.getImageData(0, 0, width, height);
      let binary = '';
      for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return btoa(binary);
    }, job);
    const pixels = Buffer.from(base64, 'base64');
    // The finest levelling that fits the budget (WeChat pages load many of these at once).
    let step = 1;
    let png = encodePng(job.width, job.height, pixels, step);
    while (png.length > MAX_BYTES && step < 8) png = encodePng(job.width, job.height, pixels, ++step);
    const target = join(OUT, job.file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, png);
    const kb = (png.length / 1024).toFixed(1);
    process.stdout.write(`${job.file.padEnd(28)} ${job.width}×${job.height} ${kb} KB${step > 1 ? ` (levels /${step})` : ''}${png.length > MAX_BYTES ? '  (over 60 KB!)' : ''}\n`);
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
