// The GPU run's single bundled entry: `app.mjs bench ARGS` runs the benchmark CLI, `app.mjs retrieval ARGS` the main job.
const tools = {
  bench: () => import('../bench/src/main.ts'),
  retrieval: () => import('../retrieval/src/main.ts'),
};
const [tool, ...args] = process.argv.slice(2);
if (!(tool in tools)) {
  process.stderr.write(`gpu-run app: first argument must be one of ${Object.keys(tools).join(', ')}, got ${JSON.stringify(tool ?? null)}\n`);
  process.exit(2);
}
// Each CLI parses process.argv when its module runs: hand it only its own arguments.
process.argv = [process.argv[0], process.argv[1], ...args];
await tools[tool]();
