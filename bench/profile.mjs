// Profile-reading benchmark: a ~50 MB load_and_run `--profile` JSON (the real files' shape, scaled
// up to thousands of operators with their var and mem_chunk tables) and a ~50 MB ONNX Runtime trace
// (the real trace's node events, thousands of runs), each read by the streaming readers of
// src/core/profile and, side by side, by readFile + JSON.parse (what a naive reader would do).
// Each measurement runs in its own Node process so peak RSS and heap are its own.
//
//   node bench/profile.mjs [sizeMB]
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], process.argv[5]);
} else {
  await main(Number(process.argv[2] ?? 50));
}

async function main(sizeMB) {
  const dir = mkdtempSync(join(tmpdir(), 'lar-bench-profile-'));
  try {
    const bundle = join(dir, 'profile.mjs');
    await esbuild.build({
      entryPoints: [join(root, 'src/core/profile/index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outfile: bundle,
      logLevel: 'warning',
    });
    const target = sizeMB * 1024 * 1024;
    const lar = join(dir, 'lar.json');
    const ort = join(dir, 'ort.json');
    await writeAll(lar, larProfile(target));
    await writeAll(ort, ortTrace(target));
    const rounds = Number(process.env.LAR_BENCH_ROUNDS ?? 5);
    console.log(
      `profile read: node ${process.version}, ${rounds} rounds, stream and JSON.parse alternating ` +
        `(load average ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')} on ${cpus().length} cores)`,
    );
    const verdicts = [];
    for (const [label, file] of [
      ['load_and_run --profile', lar],
      ['ONNX Runtime trace', ort],
    ]) {
      const mb = statSync(file).size / 1024 / 1024;
      console.log(`\n${label}: ${mb.toFixed(1)} MB`);
      const runs = { stream: [], 'JSON.parse': [] };
      // Side by side: each round measures both, so a busy moment hits both alike.
      for (let round = 0; round < rounds; round++) {
        for (const mode of ['stream', 'JSON.parse']) {
          const r = spawnSync(process.execPath, ['--expose-gc', self, '--child', bundle, file, mode], {
            encoding: 'utf8',
          });
          if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
          runs[mode].push(JSON.parse(r.stdout.trim().split('\n').pop()));
        }
      }
      for (const [mode, list] of Object.entries(runs)) {
        const ms = median(list.map((r) => r.ms));
        const worst = Math.max(...list.map((r) => r.ms));
        const rss = Math.max(...list.map((r) => r.rssMB));
        const heap = Math.max(...list.map((r) => r.heapMB));
        const found =
          mode === 'stream'
            ? `  ${list[0].operators} operators, ${list[0].runs} runs`
            : '  (parse only, no aggregation)';
        console.log(
          `  ${mode.padEnd(10)} median ${ms.toFixed(0).padStart(5)} ms (worst ${worst.toFixed(0)})  ${(mb / (ms / 1000)).toFixed(0).padStart(4)} MB/s` +
            `  peak RSS +${rss.toFixed(0)} MB  peak heap ${heap.toFixed(0)} MB${found}`,
        );
      }
      const paired = runs.stream.map((r, i) => r.ms / runs['JSON.parse'][i].ms);
      const rssRatio =
        Math.max(...runs.stream.map((r) => r.rssMB)) / Math.max(...runs['JSON.parse'].map((r) => r.rssMB));
      console.log(
        `  stream / JSON.parse: time ×${median(paired).toFixed(2)} (median of ${rounds} pairs), peak RSS ×${rssRatio.toFixed(2)}`,
      );
      // The goal scales with the file: under 2 s for 50 MB.
      const goalMs = (2000 * mb) / 50;
      const worst = Math.max(...runs.stream.map((r) => r.ms));
      verdicts.push(
        `${label}: worst of ${rounds} ${worst.toFixed(0)} ms against ${goalMs.toFixed(0)} ms — ` +
          (worst < goalMs ? `met, ×${(goalMs / worst).toFixed(1)} margin` : 'NOT met'),
      );
    }
    console.log(`\ngoal (issue #13): a 50 MB profile read in under 2 s with bounded memory`);
    for (const v of verdicts) console.log(`  ${v}`);
  } finally {
    // LAR_BENCH_KEEP=1 keeps the generated files (to profile the reader by hand).
    if (process.env.LAR_BENCH_KEEP) console.log(`\nfiles kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

async function child(bundle, file, mode) {
  const mod = await import(pathToFileURL(bundle).href);
  globalThis.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 5);
  const t0 = performance.now();
  let profile;
  if (mode === 'stream') {
    profile = await mod.readProfileFile(file, { warmupRuns: 1 });
  } else {
    // The naive floor: the whole text and the whole tree, before any aggregation.
    const text = await readFile(file, 'utf8');
    const tree = JSON.parse(text);
    sample();
    profile = { operators: [], runs: 0, perRunMs: 0, tree: typeof tree };
  }
  const ms = performance.now() - t0;
  clearInterval(timer);
  sample();
  console.log(
    JSON.stringify({
      ms,
      rssMB: (peakRss - base.rss) / 1024 / 1024,
      heapMB: peakHeap / 1024 / 1024,
      operators: profile.operators.length,
      runs: profile.runs,
      perRunMs: profile.perRunMs,
    }),
  );
}

function writeAll(file, gen) {
  return new Promise((res, rej) => {
    const out = createWriteStream(file);
    out.on('error', rej);
    const pump = () => {
      for (let next = gen.next(); !next.done; next = gen.next()) {
        if (!out.write(next.value)) {
          out.once('drain', pump);
          return;
        }
      }
      out.end(res);
    };
    pump();
  });
}

/** A MegEngine profile with as many operators as fit in `bytes` (~5 KB each with their var and mem_chunk entries). */
function* larProfile(bytes) {
  const ops = Math.max(10, Math.floor(bytes / 4800));
  const id = (i) => String(100 + i * 5);
  const cn = 'CompNode(\\"cpu0:0\\" from \\"xpux:0\\")';
  const t = (i, base, d) =>
    `{ "end": ${(base + i * 1e-5 + d).toFixed(6)}, "kern": ${(base + i * 1e-5).toFixed(6)}, "start": ${(base + i * 1e-5).toFixed(6)}}`;
  yield '{ "profiler": { "opr_internal_pf": { }, "host": { ';
  for (let i = 0; i < ops; i++) yield `${i ? ', ' : ''}"${id(i)}": { "": ${t(i, 0.02, 0.000003)}}`;
  yield '}, "opr_footprint": { ';
  for (let i = 0; i < ops; i++) {
    yield `${i ? ', ' : ''}"${id(i)}": { "param": { "compute_mode": "DEFAULT", "format": "NCHW", "sparse": "DENSE", "stride_w": 1, "stride_h": 1, "pad_w": 1, "dilate_w": 1, "dilate_h": 1, "pad_h": 1, "mode": "CROSS_CORRELATION"}, "out_shapes": [ [ 1, 64, 56, 56]], "in_shapes": [ [ 1, 64, 56, 56], [ 64, 64, 3, 3]], "memory": 1753088, "computation": 231211008}`;
  }
  yield '}, "device": { ';
  for (let i = 0; i < ops; i++)
    yield `${i ? ', ' : ''}"${id(i)}": { "${cn}": ${t(i, 0.01, 0.00004 + (i % 7) * 1e-6)}}`;
  yield '}}, "graph_exec": { "comp_seq": [ ';
  for (let i = 0; i < ops; i++) yield `${i ? ', ' : ''}"${id(i)}"`;
  yield '], "mem_chunk": { ';
  for (let i = 0; i < ops; i++) {
    yield `${i ? ', ' : ''}"chk${id(i) + 1}": { "dev_ptr": 93908598591872, "owner_var": "${id(i) + 1}", "size": 802816, "id": "chk${id(i) + 1}", "node_type": "mem_chunk"}`;
  }
  yield '}, "var": { ';
  for (let i = 0; i < ops; i++) {
    for (const v of [1, 2]) {
      const vid = `${id(i)}${v}`;
      yield `${i || v > 1 ? ', ' : ''}"${vid}": { "prev_dev_ptr_end": 93908598637952, "flag": [ "ALLOW_EMPTY_SHAPE"], "comp_node": "${cn}", "prev_dev_ptr": 93908598591872, "force_update_src": null, "dev_ptr": 93908598591872, "mem_plan": { "offset_byte": 0, "layout": { "dtype": "Float32", "stride": [ 200704, 3136, 56, 1], "shape": [ 1, 64, 56, 56]}, "mem_chunk_id": "chk${vid}"}, "mem_readonly_fwd_src": null, "name": "conv(RELU[${i}],conv${i}.weight)[${i + 4}]${v > 1 ? ':workspace' : ''}", "static_infer_tags": { "VALUE": { "deps": [], "infer_type": "NO_DESC"}, "SHAPE": { "deps": [ { "var": "${id(i)}", "type": "SHAPE"}, { "var": "${id(i)}9", "type": "SHAPE"}], "infer_type": "RT"}}, "id": "${vid}", "owner_opr": "${id(i)}", "node_type": "var", "dev_ptr_end": 93908600197504`;
      // Real var entries of big graphs carry long dependency lists.
      yield `, "users": [ ${Array.from({ length: 24 }, (_, k) => `{ "opr": "${id(i + k)}", "type": "DEV_VALUE", "input_idx": ${k % 3}}`).join(', ')}]}`;
    }
  }
  yield '}, "operator": { ';
  for (let i = 0; i < ops; i++) {
    yield `${i ? ', ' : ''}"${id(i)}": { "waiting_spec": { }, "output": [ "${id(i)}1", "${id(i)}2"], "input": [ "${id(i - 1)}1", "${id(i)}9"], "type": "${i % 3 ? 'Elemwise' : 'ConvolutionForward'}", "name": "conv(RELU[${i}],conv${i}.weight)[${i + 4}]", "id": "${id(i)}", "extra": { "dfs_step_num": ${i}, "input_update_time": ${i}, "priority": 0, "gopt::cvprop": false}, "node_type": "operator"}`;
  }
  yield '}}}\n';
}

/** An ONNX Runtime trace: the real small_cnn node events, repeated run after run up to `bytes`. */
function* ortTrace(bytes) {
  const nodes = [
    'conv1.relu_nchwc:Conv',
    'conv2.relu_nchwc:Conv',
    'conv3.relu_nchwc:Conv',
    'conv4.relu_nchwc:Conv',
    'conv5.relu_nchwc:Conv',
    'conv6.relu_nchwc:Conv',
    'pool_nchwc:GlobalAveragePool',
    'ReorderOutput:ReorderOutput',
    'flat_Flatten:Flatten',
    'logits_Gemm:Gemm',
  ];
  let written = 0;
  let ts = 40000;
  yield '[\n{"cat" : "Session","pid" :1,"tid" :1,"dur" :4892,"ts" :36,"ph" : "X","name" :"model_loading_uri","args" : {}},\n';
  for (let run = 0; written < bytes; run++) {
    const start = ts;
    for (const [k, node] of nodes.entries()) {
      const [name, op] = node.split(':');
      const dur = 50 + ((run * 7 + k * 13) % 40);
      const line = `{"cat" : "Node","pid" :1,"tid" :1,"dur" :${dur},"ts" :${ts},"ph" : "X","name" :"${name}_kernel_time","args" : {"mem_bytes_requested_in_use" : "528424","mem_arena_held" : "1052712","output_size" : "524288","node_index" : "${k}","input_type_shape" : [{"float":[1,32,64,64]},{"float":[32,32,3,3]},{"float":[32]}],"mem_in_use_peak" : "528424","output_type_shape" : [{"float":[1,32,64,64]}],"op_name" : "${op}","parameter_size" : "3584","provider" : "CPUExecutionProvider","thread_scheduling_stats" : {"main_thread" : {"thread_pool_name" : "session-1-intra-op","thread_id" : "139649658047616","block_size" : [1],"core" : 1,"Distribution" : 2,"DistributionEnqueue" : 0,"Run" : 290,"Wait" : 1,"WaitRevoke" : 1},"sub_threads" : {"139648705750720" : {"num_run" : 0,"core" : -1}}}}},\n`;
      written += line.length;
      ts += dur + 2;
      yield line;
    }
    const run1 = `{"cat" : "Session","pid" :1,"tid" :1,"dur" :${ts - start},"ts" :${start},"ph" : "X","name" :"model_run","args" : {}},\n`;
    written += run1.length;
    ts += 10;
    yield run1;
  }
  yield '{"cat" : "Session","pid" :1,"tid" :1,"dur" :1,"ts" :1,"ph" : "X","name" :"session_end","args" : {}}\n]\n';
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
