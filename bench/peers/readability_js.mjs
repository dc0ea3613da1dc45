// Times Readability.js (@mozilla/readability on jsdom) over pages, single
// thread: node readability_js.mjs ROUNDS FILE.html.gz... prints the best
// round's seconds. Installed by bench/install-peers.sh; used by bench/speed.py.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const [rounds, ...files] = process.argv.slice(2);
const pages = files.map((f) => gunzipSync(readFileSync(f)).toString("utf8"));
const quiet = new VirtualConsole();  // page CSS errors are not ours to print
let best = Infinity;
for (let r = 0; r < Number(rounds); ++r) {
  const t0 = process.hrtime.bigint();
  for (const html of pages) {
    try {
      const dom = new JSDOM(html, { virtualConsole: quiet });
      new Readability(dom.window.document).parse();
      dom.window.close();
    } catch (e) {
      // a page Readability.js cannot take still counts its time
    }
  }
  best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
}
console.log(best);
