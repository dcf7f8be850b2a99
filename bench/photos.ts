// `pnpm bench:photos`: @burrow/storage's processImage (byte sniffing, header checks, auto-orient,
// metadata stripped, WebP 320/640/1280 + blurred placeholder) on 50 generated phone-sized JPEGs
// (12 MP, noisy like a real photo), against the ceiling: sharp alone resizing the same files to the
// same WebP widths, in the same run, alternating image by image so machine noise hits both.
// Prints images/s, the ratio (aim ≥ 0.8) and peak RSS (aim < 400 MB); ends with one JSON line.
// Exits non-zero only on a correctness failure (a photo refused, a variant missing or carrying EXIF).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { processImage, VARIANT_WIDTHS } from "@burrow/storage";
import { phonePhoto } from "@burrow/storage/fixtures";
import sharp from "sharp";

const generating = process.argv[2] === "--generate";
const COUNT = Number(process.argv[generating ? 3 : 2] ?? 50);
const dir = path.resolve(import.meta.dirname, "../.cache/bench/photos");
const files = Array.from({ length: COUNT }, (_, i) => path.join(dir, `phone-${i}.jpg`));

/** Writes the missing inputs (cached in .cache/bench/photos); run in a child so its memory is not counted. */
async function generate(): Promise<number> {
  mkdirSync(dir, { recursive: true });
  for (const file of files) if (!existsSync(file)) writeFileSync(file, await phonePhoto());
  return 0;
}

/** The ceiling: decode, resize and encode each width, nothing else. */
async function sharpAlone(bytes: Buffer): Promise<number> {
  const out = await Promise.all(
    VARIANT_WIDTHS.listing.map((width) => sharp(bytes).resize({ width }).webp({ quality: 78 }).toBuffer()),
  );
  return out.length;
}

async function main(): Promise<number> {
  console.log(`generating/reading ${COUNT} phone-sized JPEGs in ${path.relative(process.cwd(), dir)}…`);
  execFileSync(process.execPath, [...process.execArgv, import.meta.filename, "--generate", String(COUNT)], {
    stdio: "inherit",
  });
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 20);
  const failures: string[] = [];
  // One warm-up of each, uncounted.
  const first = readFileSync(files[0] ?? "");
  await processImage(first, "listing");
  await sharpAlone(first);

  let oursMs = 0;
  let ceilingMs = 0;
  for (const [i, file] of files.entries()) {
    const bytes = readFileSync(file);
    const runOurs = async () => {
      const t = performance.now();
      const result = await processImage(bytes, "listing");
      oursMs += performance.now() - t;
      if (!result.ok) return failures.push(`${path.basename(file)}: refused (${result.message})`);
      if (result.variants.length !== VARIANT_WIDTHS.listing.length) failures.push(`${file}: variants missing`);
      const smallest = result.variants[0];
      const meta = smallest && (await sharp(smallest.bytes).metadata());
      if (!meta) return failures.push(`${file}: no variants`);
      if (meta.exif || meta.format !== "webp") failures.push(`${file}: variant not a clean WebP`);
    };
    const runCeiling = async () => {
      const t = performance.now();
      await sharpAlone(bytes);
      ceilingMs += performance.now() - t;
    };
    // Alternate which goes first, so neither always meets a warm or a cold cache.
    if (i % 2 === 0) {
      await runOurs();
      await runCeiling();
    } else {
      await runCeiling();
      await runOurs();
    }
  }
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

  const oursRate = (COUNT / oursMs) * 1000;
  const ceilingRate = (COUNT / ceilingMs) * 1000;
  const ratio = oursRate / ceilingRate;
  const peakMb = peakRss / 1024 / 1024;
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(
    `\n${os.cpus().length} cores, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, Node ${process.version}`,
  );
  console.log(`${COUNT} JPEGs of 4032×3024 → WebP ${VARIANT_WIDTHS.listing.join("/")} wide`);
  console.log(`  ${pad("path", 66)} ${pad("images/s", 9)} ms/image`);
  console.log(
    `  ${pad("sharp alone: resize + WebP per width (ceiling)", 66)} ${pad(ceilingRate.toFixed(2), 9)} ${(ceilingMs / COUNT).toFixed(0)}`,
  );
  console.log(
    `  ${pad("processImage: sniff, limits, orient, strip, variants, placeholder", 66)} ${pad(oursRate.toFixed(2), 9)} ${(oursMs / COUNT).toFixed(0)}`,
  );
  console.log(`  ratio processImage / sharp alone: ${ratio.toFixed(2)} (aim ≥ 0.80)`);
  console.log(`  peak RSS of the process: ${peakMb.toFixed(0)} MB (aim < 400 MB)`);
  for (const f of failures) console.log(`  FAIL ${f}`);
  console.log(
    JSON.stringify({
      bench: "photos",
      cores: os.cpus().length,
      images: COUNT,
      ceilingImagesPerSec: Number(ceilingRate.toFixed(3)),
      imagesPerSec: Number(oursRate.toFixed(3)),
      ratio: Number(ratio.toFixed(3)),
      peakRssMb: Math.round(peakMb),
      failures: failures.length,
    }),
  );
  return failures.length === 0 ? 0 : 1;
}

(generating ? generate() : main()).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
