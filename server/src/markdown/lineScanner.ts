import { readBoldBlock } from './headingText';
import type { ChunkFacts } from './chunkFacts';
import { taskBoxPattern } from './taskLines';

/**
 * A line-by-line reading of markdown for text remark cannot parse in reasonable time or stack
 * (thousands of nested quotes or lists, megabyte-long lines of brackets or emphasis): headings,
 * numbered bold leads, task boxes and rules outside fenced code. It is linear and never recurses.
 * Placeholders, choices and links are not read, since telling them from code and links needs a
 * real parse; the plan says so in a `plan.degraded` diagnostic.
 */
export function scanChunkLines(text: string): ChunkFacts {
	const headings: ChunkFacts['headings'] = [];
	const boldLeads: ChunkFacts['boldLeads'] = [];
	const tasks: number[] = [];
	const thematicBreaks: number[] = [];
	let fence: string | undefined;
	let lineStart = 0;
	const lineBreaks = /\r\n|\r|\n/g;
	while (lineStart <= text.length) {
		lineBreaks.lastIndex = lineStart;
		const lineBreak = lineBreaks.exec(text);
		const lineEnd = lineBreak ? lineBreak.index : text.length;
		const line = text.slice(lineStart, Math.min(lineEnd, lineStart + 4096));
		const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
		if (fence) {
			if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) {
				fence = undefined;
			}
		} else if (fenceMatch) {
			fence = fenceMatch[1];
		} else {
			const heading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
			const task = taskBoxPattern.exec(line);
			const bold = /^\*\*([^*\r\n]+)\*\*/.exec(line);
			if (heading) {
				headings.push({
					depth: heading[1].length,
					start: lineStart,
					end: lineEnd,
					text: (heading[2] ?? '').replace(/[*_`]/g, '').trim(),
				});
			} else if (task) {
				const boxStart = lineStart + task[0].length - 3;
				tasks.push(task[1] === ' ' ? 0 : 1, lineStart, lineEnd, boxStart, boxStart + 3, lineEnd);
			} else if (/^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line)) {
				thematicBreaks.push(lineStart);
			} else if (bold && readBoldBlock(bold[1])) {
				boldLeads.push({
					start: lineStart,
					end: lineEnd,
					boldText: bold[1].trim(),
					restStart: lineStart + bold[0].length,
					lineEnd,
				});
			}
		}
		if (!lineBreak) {
			break;
		}
		lineStart = lineEnd + lineBreak[0].length;
	}
	return {
		headings,
		boldLeads,
		brackets: [],
		fields: new Int32Array(0),
		fieldKeys: [],
		tasks: Int32Array.from(tasks),
		regions: [],
		thematicBreaks,
		links: [],
		references: [],
		blocks: [],
		comments: [],
		codeBrackets: [],
	};
}

/**
 * True for text that would make remark take very long or overflow its stack: a line longer than
 * 10,000 characters full of markup (brackets, emphasis, backticks), quotes nested more than 16
 * deep, or indentation beyond 128 columns (lists nested dozens deep). Real plans never come close.
 */
export function isPathological(text: string): boolean {
	let lineStart = 0;
	while (lineStart < text.length) {
		let lineEnd = text.indexOf('\n', lineStart);
		if (lineEnd < 0) {
			lineEnd = text.length;
		}
		if (lineEnd - lineStart > 10_000 && markupCount(text, lineStart, lineEnd) > 1_000) {
			return true;
		}
		let quotes = 0;
		let indent = 0;
		for (let at = lineStart; at < lineEnd; at++) {
			const code = text.charCodeAt(at);
			if (code === 62 /* > */) {
				quotes++;
			} else if (code === 32 || code === 9) {
				indent += code === 9 ? 4 : 1;
			} else {
				break;
			}
		}
		if (quotes > 16 || indent > 128) {
			return true;
		}
		lineStart = lineEnd + 1;
	}
	return false;
}

function markupCount(text: string, start: number, end: number): number {
	let count = 0;
	for (let at = start; at < end; at++) {
		const code = text.charCodeAt(at);
		if (code === 91 || code === 93 || code === 42 || code === 95 || code === 96 || code === 60 || code === 40) {
			count++;
		}
	}
	return count;
}
