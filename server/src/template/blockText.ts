/* Small text helpers for template blocks. */

/** Drops leading line breaks, trailing blank lines and a trailing `---` separator. */
export function trimBlock(block: string): string {
	return block
		.replace(/^(?:[ \t]*(?:\r\n|\r|\n))+/, '')
		.trimEnd()
		.replace(/(?:\r\n|\r|\n)[ \t]*(?:\*{3,}|-{3,}|_{3,})[ \t]*$/, '')
		.trimEnd();
}

/** `text` as a literal inside a regular expression. */
export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
