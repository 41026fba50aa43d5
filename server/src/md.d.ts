declare module '*.md' {
	const text: string;
	export default text;
}

declare module '*.code-snippets' {
	const snippets: Record<string, { prefix: string[]; body: string[]; description: string }>;
	export default snippets;
}
