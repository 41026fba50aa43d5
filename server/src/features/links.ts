import * as path from 'node:path';
import type { DocumentLink, Location, Position } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { sectionNameAt } from '../model/nodeQueries';
import type { PlanDocument, PlanLink, PlanProblem } from '../model/planDocument';
import { contains } from '../markdown/ranges';
import { filePathOf } from '../workspace/workspacePaths';
import { anchorsOf, type Anchors, type LinkTargets } from '../workspace/linkTargets';

/** A relative link resolved against the file system. */
export interface ResolvedLink {
	readonly link: PlanLink;
	/** The file or folder the link points at. */
	readonly targetPath: string;
	readonly fragment?: string;
	/** Zero-based line of the heading the fragment names, when found. */
	readonly targetLine?: number;
	readonly broken?: 'missing-file' | 'missing-heading';
}

/**
 * Resolves the plan's relative links (to `spec.md`, `data-model.md#entities`, `contracts/`, or
 * `#a-heading` in the plan itself). External links, links in documents that are not files, and
 * links that leave the workspace folder are left to the editor: planmark reads nothing outside it.
 */
export function resolveLinks(
	document: PlanDocument,
	targets: LinkTargets,
	workspaceFolder: string | undefined,
): ResolvedLink[] {
	const documentPath = filePathOf(document.uri);
	if (!documentPath) {
		return [];
	}
	let ownAnchors: Anchors | undefined;
	const resolved: ResolvedLink[] = [];
	for (const link of document.links) {
		if (/^[a-z][\w+.-]*:|^\/\//i.test(link.target)) {
			continue;
		}
		const hash = link.target.indexOf('#');
		const pathPart = safeDecode(hash < 0 ? link.target : link.target.slice(0, hash));
		const fragment = hash < 0 ? undefined : safeDecode(link.target.slice(hash + 1));
		const root = pathPart.startsWith('/') && workspaceFolder ? workspaceFolder : path.dirname(documentPath);
		const targetPath = pathPart === '' ? documentPath : path.join(root, pathPart);
		// Nothing outside the workspace folder (or the plan's own folder, without one) is looked at, by
		// where it is written or, through a symbolic link, where it really is.
		const boundary = workspaceFolder ?? path.dirname(documentPath);
		if (
			(targetPath !== boundary &&
				!targetPath.startsWith(boundary.endsWith(path.sep) ? boundary : boundary + path.sep)) ||
			!targets.allows(targetPath)
		) {
			continue;
		}
		if (pathPart !== '' && !targets.exists(targetPath)) {
			resolved.push({ link, targetPath, fragment, broken: 'missing-file' });
			continue;
		}
		if (fragment === undefined || fragment === '' || /^L\d+/.test(fragment) || !/\.md$/i.test(targetPath)) {
			resolved.push({ link, targetPath, fragment });
			continue;
		}
		if (pathPart === '') {
			ownAnchors ??= anchorsOf(document.lines.text);
		}
		const anchors = pathPart === '' ? ownAnchors : targets.anchors(targetPath);
		const targetLine = anchors?.get(fragment.toLowerCase());
		resolved.push({
			link,
			targetPath,
			fragment,
			targetLine,
			broken: anchors && targetLine === undefined ? 'missing-heading' : undefined,
		});
	}
	return resolved;
}

export function documentLinks(resolved: readonly ResolvedLink[]): DocumentLink[] {
	return resolved
		.filter(link => link.broken !== 'missing-file' && !link.link.viaReference)
		.map(link => ({
			range: link.link.range,
			target: URI.file(link.targetPath)
				.with({ fragment: link.targetLine !== undefined ? `L${link.targetLine + 1}` : (link.fragment ?? '') })
				.toString(),
			tooltip: link.targetLine !== undefined ? `Go to #${link.fragment}` : undefined,
		}));
}

/** Go to definition on a link: the target file, at the heading its fragment names. */
export function linkDefinition(resolved: readonly ResolvedLink[], position: Position): Location | undefined {
	const hit = resolved.find(link => contains(link.link.extent, position) && link.broken !== 'missing-file');
	if (!hit) {
		return undefined;
	}
	const line = hit.targetLine ?? 0;
	return {
		uri: URI.file(hit.targetPath).toString(),
		range: { start: { line, character: 0 }, end: { line, character: 0 } },
	};
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** A `broken-link` problem for every resolved link whose file or heading does not exist. */
export function linkProblems(document: PlanDocument, links: readonly ResolvedLink[]): PlanProblem[] {
	return links
		.filter(link => link.broken && !link.link.viaReference)
		.map(link => ({
			kind: 'broken-link',
			range: link.link.range,
			target: link.link.target,
			reason: link.broken!,
			section: sectionNameAt(document.nodes, document.lines.offsetAt(link.link.range.start)),
		}));
}
