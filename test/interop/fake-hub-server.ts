// The fake hub of test/hub as a standalone server for test/interop/huggingface_hub_check.py: two revisions
// of an ONNX Stable Diffusion repository and a gated one. Prints {url, cdnUrl} as one JSON line; reads
// commands on stdin, one per line: `stats` prints the body bytes served per file, `reset` zeroes them.
import { createInterface } from 'node:readline';
import { FakeHub, sdRepoFiles } from '../hub/fake-hub.js';

const hub = await FakeHub.start([
  { id: 'org/sd-onnx', revisions: { main: sdRepoFiles({ unetBytes: 5_000_000 }), 'v1.0': sdRepoFiles({ unetBytes: 2_000_000, seed: 3 }) } },
  { id: 'org/gated', revisions: { main: sdRepoFiles({ seed: 7 }) }, gated: true, tokens: ['hf_good'] },
]);
process.stdout.write(`${JSON.stringify({ url: hub.url, cdnUrl: hub.cdnUrl, commits: { main: hub.commitOf('org/sd-onnx'), 'v1.0': hub.commitOf('org/sd-onnx', 'v1.0') } })}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'stats') process.stdout.write(`${JSON.stringify({ total: hub.totalServed(), byPath: Object.fromEntries(hub.stats.bytesServed) })}\n`);
  else if (line === 'reset') {
    hub.stats.bytesServed.clear();
    process.stdout.write('{}\n');
  }
});
process.stdin.on('end', () => void hub.close().then(() => process.exit(0)));
