/*
 * The workspace at the scale of a big team, measured over stdio as an editor feels it: 2,000 plans
 * beside 20,000 other files and 5,000 markdown pages (`npm run bench:workspace`; `--plans N` for
 * another size). Latencies are also given as ratios to a round trip on the same server when idle,
 * measured in the same run, because these machines are noisy.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import type { DocumentProgress } from '../server/src/protocol';
import { LspClient } from '../test/protocol/lspClient';

const argument = (name: string, fallback: number) =>
	process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
const planCount = argument('--plans', 2000);
const pageCount = argument('--pages', 5000);
const otherCount = argument('--others', 20000);
const root = path.resolve(__dirname, '..', '..');
const planText = readFileSync(path.join(root, 'test', 'fixtures', 'example', 'plan.md'), 'utf8');

function median(samples: readonly number[]): number {
	return percentile(samples, 0.5);
}

function percentile(samples: readonly number[], share: number): number {
	return (
		[...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(samples.length * share))] ?? Number.NaN
	);
}

/** The server's resident memory now (VmRSS) or at its peak (VmHWM), in MB. */
function memoryMegabytes(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
	const status = pid ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
	return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN) / 1024;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
	const started = performance.now();
	const result = await run();
	return { ms: performance.now() - started, result };
}

async function main(): Promise<void> {
	const workspace = mkdtempSync(path.join(os.tmpdir(), 'planmark-bench-workspace-'));
	for (let plan = 1; plan <= planCount; plan++) {
		const folder = path.join(workspace, 'specs', `${String(plan).padStart(4, '0')}-feature`);
		mkdirSync(folder, { recursive: true });
		writeFileSync(path.join(folder, 'plan.md'), planText.replace('**Risk 1**', `**Risk 1**: Marker${plan}`));
	}
	for (let page = 1; page <= pageCount; page++) {
		const folder = path.join(workspace, 'docs', `section-${page % 50}`);
		mkdirSync(folder, { recursive: true });
		writeFileSync(path.join(folder, `page-${page}.md`), `# Page ${page}\n\nText with [brackets] and - [ ] a box.\n`);
	}
	for (let file = 1; file <= otherCount; file++) {
		const folder = path.join(workspace, 'src', `module-${file % 200}`);
		mkdirSync(folder, { recursive: true });
		writeFileSync(path.join(folder, `file-${file}.ts`), `export const value${file} = ${file};\n`);
	}
	const openUri = URI.file(path.join(workspace, 'specs', '0001-feature', 'plan.md')).toString();
	const client = LspClient.start();
	try {
		await client.initialize({ workspaceFolders: [workspace] });
		await client.didOpen(openUri, planText);
		const idle: number[] = [];
		for (let round = 0; round < 20; round++) {
			idle.push((await timed(() => client.documentSymbols(openUri))).ms);
		}
		const roundTrip = median(idle);
		// The cold index, with the open plan's outline asked for every 50 ms meanwhile.
		const whileIndexing: number[] = [];
		let indexing = true;
		const cold = timed(
			() => client.requestCancellable<WorkspaceSymbol[]>('workspace/symbol', { query: 'Marker' }, 600_000).result,
		).finally(() => {
			indexing = false;
		});
		while (indexing) {
			whileIndexing.push((await timed(() => client.documentSymbols(openUri))).ms);
			await new Promise(resolve => setTimeout(resolve, 50));
		}
		const first = await cold;
		const warm: number[] = [];
		for (let round = 0; round < 5; round++) {
			warm.push(
				(await timed(() => client.request<DocumentProgress[]>('planmark/workspaceProgress', { outline: false }))).ms,
			);
		}
		await client.didChangeConfiguration({ diagnostics: { placeholder: 'hint' } });
		const afterSettings = await timed(() =>
			client.request<DocumentProgress[]>('planmark/workspaceProgress', { outline: false }),
		);
		const expand = await timed(() =>
			client.request<DocumentProgress | null>('planmark/documentProgress', { uri: afterSettings.result[7].uri }),
		);
		const withOutlines = await timed(() => client.request<DocumentProgress[]>('planmark/workspaceProgress', {}));
		const listed = afterSettings.result.length;
		const figures = {
			plans: planCount,
			pages: pageCount,
			otherFiles: otherCount,
			listed,
			markersFound: first.result.length,
			idleRoundTripMs: roundTrip,
			firstWorkspaceSymbolMs: first.ms,
			outlineWhileIndexingMedianMs: median(whileIndexing),
			outlineWhileIndexingP95Ms: percentile(whileIndexing, 0.95),
			outlineWhileIndexingMaxMs: Math.max(...whileIndexing),
			warmWorkspaceProgressMedianMs: median(warm),
			workspaceProgressAfterSettingChangeMs: afterSettings.ms,
			expandPlanMs: expand.ms,
			workspaceProgressWithOutlinesMs: withOutlines.ms,
			serverPeakRssMb: memoryMegabytes(client.pid, 'VmHWM'),
			serverRssMb: memoryMegabytes(client.pid, 'VmRSS'),
			serverRssIdleMb: Number.NaN,
		};
		// V8 gives memory back once the server is idle: the figure an editor lives with.
		await new Promise(resolve => setTimeout(resolve, 15_000));
		figures.serverRssIdleMb = memoryMegabytes(client.pid, 'VmRSS');
		const f = (ms: number) => `${ms.toFixed(0)} ms (${(ms / roundTrip).toFixed(1)}× an idle round trip)`;
		console.log(
			`workspace: ${planCount} plans, ${pageCount} other pages, ${otherCount} other files; ${listed} plans listed`,
		);
		console.log(`  idle round trip (documentSymbol of the open plan): ${roundTrip.toFixed(1)} ms`);
		console.log(`  first workspace/symbol (cold index): ${(first.ms / 1000).toFixed(1)} s`);
		console.log(
			`  open plan's outline while indexing: median ${f(figures.outlineWhileIndexingMedianMs)}, 95th percentile ${f(figures.outlineWhileIndexingP95Ms)}, max ${f(figures.outlineWhileIndexingMaxMs)} over ${whileIndexing.length} requests`,
		);
		console.log(`  warm Plans view (planmark/workspaceProgress): ${f(figures.warmWorkspaceProgressMedianMs)}`);
		console.log(`  the same after a severity change: ${f(figures.workspaceProgressAfterSettingChangeMs)}`);
		console.log(`  expanding a plan that is not open (planmark/documentProgress): ${f(figures.expandPlanMs)}`);
		console.log(
			`  every plan with its whole outline (other clients' default): ${f(figures.workspaceProgressWithOutlinesMs)}`,
		);
		console.log(
			`  server RSS: ${figures.serverRssMb.toFixed(0)} MB after the requests, ${figures.serverRssIdleMb.toFixed(0)} MB once idle for 15 s (peak ${figures.serverPeakRssMb.toFixed(0)} MB)`,
		);
		mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
		writeFileSync(path.join(root, 'bench', 'results', 'workspace.json'), `${JSON.stringify(figures, null, 2)}\n`);
		await client.shutdown();
	} finally {
		client.dispose();
		rmSync(workspace, { recursive: true, force: true });
	}
}

void main().catch(error => {
	console.error(error);
	process.exitCode = 1;
});
