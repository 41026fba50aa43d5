// Photographs planmark in a real VS Code for the README (npm run screenshots): the editor the in-editor
// tests use (code-server and playwright-core cached under .vscode-test/ by scripts/editorTests.mjs,
// headless Debian Chromium) opens the example plan, scripts/screenshotScenes.ts arranges each scene
// from inside the extension host, and this script takes the pictures into images/. It also renders
// images/icon.svg to the 128×128 images/icon.png. Re-run it after a change to what users see.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assembleFixture } from './fixtureFolders.mjs';
import { freePort, launchBrowser, openWorkbench, startCodeServer, waitForHealth } from './codeServer.mjs';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const cache = join(root, '.vscode-test', 'code-server');
const images = join(root, 'images');
const run = join(root, '.vscode-test', 'screenshots');
const signals = join(run, 'signals');
const viewport = { width: 1280, height: 800 };
const timeoutMs = 5 * 60_000;

function fail(message) {
	console.error(`\nscreenshots: ${message}`);
	process.exit(1);
}

function step(message) {
	console.log(`screenshots: ${message}`);
}

/** A fresh copy of the editor tests' workspace and fresh editor state, set up for clean pictures. */
function prepareRun() {
	rmSync(run, { recursive: true, force: true });
	// The folder's name is what the window title shows.
	const workspace = join(run, 'field-notes');
	assembleFixture(root, join('editor', 'workspace'), workspace);
	// The feature folders of the CLI's status fixture, for the Features view and the dashboard.
	cpSync(join(root, 'test', 'fixtures', 'cli', 'features', 'specs'), join(workspace, 'specs'), { recursive: true });
	mkdirSync(join(run, 'user-data', 'User'), { recursive: true });
	mkdirSync(join(run, 'extensions'), { recursive: true });
	mkdirSync(signals, { recursive: true });
	const settings = {
		'workbench.startupEditor': 'none',
		'workbench.colorTheme': 'Default Dark Modern',
		'workbench.tips.enabled': false,
		'workbench.secondarySideBar.defaultVisibility': 'hidden',
		'chat.disableAIFeatures': true,
		'security.workspace.trust.enabled': false,
		'extensions.autoCheckUpdates': false,
		'extensions.autoUpdate': false,
		'telemetry.telemetryLevel': 'off',
		'update.mode': 'none',
		'git.enabled': false,
		'window.commandCenter': false,
		'editor.minimap.enabled': false,
		'editor.stickyScroll.enabled': false,
		'editor.snippetSuggestions': 'bottom',
		'explorer.autoReveal': false,
		'outline.collapseItems': 'alwaysExpand',
	};
	writeFileSync(join(run, 'user-data', 'User', 'settings.json'), `${JSON.stringify(settings, null, '\t')}\n`);
	return workspace;
}

async function renderIcon(browser) {
	const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
	await page.goto(pathToFileURL(join(images, 'icon.svg')).href);
	await page.screenshot({ path: join(images, 'icon.png'), omitBackground: true });
	await page.close();
	step('images/icon.png');
}

/** Takes each picture the scenes ask for, until the scenes are done. */
async function photograph(page, finished) {
	const taken = new Set();
	let done = false;
	finished.then(() => (done = true));
	while (!done) {
		for (const file of readdirSync(signals).filter(name => name.endsWith('.ready'))) {
			const { name, selector, clicks } = JSON.parse(readFileSync(join(signals, file), 'utf8'));
			if (taken.has(name)) {
				continue;
			}
			for (const click of clicks) {
				await page.click(click, { timeout: 20_000 });
			}
			await page.waitForSelector(selector, { state: 'visible', timeout: 20_000 }).catch(() => {
				throw new Error(`the scene ${name} never showed ${selector}`);
			});
			// Let fades and the cursor's blink settle.
			await page.waitForTimeout(800);
			await page.screenshot({ path: join(images, `${name}.png`) });
			step(`images/${name}.png`);
			taken.add(name);
			await page.keyboard.press('Escape');
			writeFileSync(join(signals, `${name}.done`), '');
		}
		await new Promise(resolveWait => setTimeout(resolveWait, 200));
	}
	return taken;
}

async function drive(port, workspace, scenes) {
	const browser = await launchBrowser(cache);
	try {
		await renderIcon(browser);
		const page = await browser.newPage({ viewport });
		const { finished } = await openWorkbench(page, port, workspace, root, scenes);
		let timer;
		const timedOut = new Promise(
			(_, reject) =>
				(timer = setTimeout(
					() => reject(new Error(`the scenes did not finish within ${timeoutMs / 1000} s`)),
					timeoutMs,
				)),
		);
		const [taken, code] = await Promise.race([Promise.all([photograph(page, finished), finished]), timedOut]);
		clearTimeout(timer);
		if (code !== 0) {
			throw new Error(
				`the scenes failed (exit ${code}) after ${[...taken].join(', ') || 'no picture'}; see ${join(run, 'code-server.log')}`,
			);
		}
	} finally {
		await browser.close();
	}
}

async function main() {
	if (!existsSync(join(cache, 'installed.json'))) {
		fail('the editor is not installed under .vscode-test/: run `npm run test:editor` once, which installs it');
	}
	for (const file of ['dist/extension.js', 'dist/server.js']) {
		if (!existsSync(join(root, file))) {
			fail(`${file} is missing: run \`npm run build\` first`);
		}
	}
	const workspace = prepareRun();
	const scenes = join(run, 'scenes', 'screenshotScenes.js');
	await esbuild.build({
		entryPoints: [join(root, 'scripts', 'screenshotScenes.ts')],
		outfile: scenes,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['vscode'],
		logLevel: 'warning',
	});
	const port = await freePort();
	step(`starting VS Code (code-server) on 127.0.0.1:${port}`);
	const editor = startCodeServer(cache, run, port, { PLANMARK_SCREENSHOT_SIGNALS: signals });
	try {
		await waitForHealth(port, editor.process);
		await drive(port, workspace, scenes);
	} catch (error) {
		writeFileSync(join(run, 'code-server.log'), editor.output());
		fail(error instanceof Error ? error.message : String(error));
	} finally {
		editor.stop();
	}
	rmSync(run, { recursive: true, force: true });
	step('done');
}

await main();
