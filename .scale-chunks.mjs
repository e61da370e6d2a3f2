import * as esbuild from 'esbuild';
const r = await esbuild.build({ entryPoints: [{ in: 'src/cli/main.ts', out: 'cli-main' }], bundle: true, platform: 'node', format: 'esm', splitting: true, chunkNames: 'cli-[hash]', outExtension: { '.js': '.mjs' }, write: false, metafile: true, external: ['onnxruntime-node'], outdir: '/tmp/scale-x/d', logLevel: 'error', target: 'node20' });
const outs = r.metafile.outputs;
// static closure of run.ts's chunk
const runOut = Object.entries(outs).find(([k, v]) => v.entryPoint === undefined && Object.keys(v.inputs).includes('src/cli/commands/run.ts'))[0];
const seen = new Set(); const q = [Object.keys(outs).find(k => k.endsWith('cli-main.mjs')), runOut];
while (q.length) { const o = q.shift(); if (seen.has(o)) continue; seen.add(o); for (const i of outs[o].imports) if (i.kind === 'import-statement' && outs[i.path]) q.push(i.path); }
const agg = new Map();
for (const o of seen) for (const [f, v] of Object.entries(outs[o].inputs)) { const k = f.includes('node_modules') ? f.split('node_modules/')[1].split('/').slice(0, f.includes('node_modules/@') ? 2 : 1).join('/') : f; agg.set(k, (agg.get(k) ?? 0) + v.bytesInOutput); }
console.log([...agg].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${(v / 1024).toFixed(1).padStart(6)} KB ${k}`).join('\n'));
