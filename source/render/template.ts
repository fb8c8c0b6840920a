// The template language is deliberately tiny: {{name}} substitutes a value, {{#name}}...{{/name}}
// shows a block when the value is true (or repeats it for each item of a list), and
// {{^name}}...{{/name}} shows it when the value is false or an empty list. A tag alone on
// its line takes the line with it. Nothing else: no expressions, no escaping modes.

export type TemplateValue = string | number | boolean | TemplateScope[];
export type TemplateScope = {[name: string]: TemplateValue};

export class TemplateError extends Error {}

const tag = /\{\{([#^/]?)([A-Za-z]\w*)\}\}/g;
// Values are validated before they get here; this is the last guard: no value may start a
// new line (a new Caddy directive, YAML key or shell command) or carry control characters.
const unsafeCharacters = /[\u0000-\u001F\u007F]/;

export function renderTemplate(template: string, scope: TemplateScope, templateName = 'template'): string {
	const standalone = template.replace(/^[ \t]*(\{\{[#^/][A-Za-z]\w*\}\})[ \t]*\r?\n/gm, '$1');
	return renderPart(standalone, [scope], templateName);
}

function lookup(scopes: TemplateScope[], name: string, templateName: string): TemplateValue {
	for (let index = scopes.length - 1; index >= 0; index--) {
		const value = scopes[index]![name];
		if (value !== undefined) {
			return value;
		}
	}

	throw new TemplateError(`${templateName}: no value for {{${name}}}.`);
}

function renderPart(text: string, scopes: TemplateScope[], templateName: string): string {
	let output = '';
	let position = 0;
	const pattern = new RegExp(tag.source, 'g');
	for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
		const [whole, sigil, name] = match as unknown as [string, string, string];
		output += text.slice(position, match.index);
		position = match.index + whole.length;
		if (sigil === '') {
			const value = lookup(scopes, name, templateName);
			if (typeof value !== 'string' && typeof value !== 'number') {
				throw new TemplateError(`${templateName}: {{${name}}} is a section, not a value.`);
			}

			const substituted = String(value);
			if (unsafeCharacters.test(substituted)) {
				throw new TemplateError(`${templateName}: the value for {{${name}}} contains a line break or control character.`);
			}

			output += substituted;
			continue;
		}

		if (sigil === '/') {
			throw new TemplateError(`${templateName}: {{/${name}}} closes a section that was never opened.`);
		}

		const close = `{{/${name}}}`;
		const end = text.indexOf(close, position);
		if (end === -1) {
			throw new TemplateError(`${templateName}: {{${sigil}${name}}} is never closed.`);
		}

		const inner = text.slice(position, end);
		position = end + close.length;
		const value = lookup(scopes, name, templateName);
		const items = Array.isArray(value) ? value : [];
		const truthy = Array.isArray(value) ? value.length > 0 : Boolean(value);
		if (sigil === '^') {
			output += truthy ? '' : renderPart(inner, scopes, templateName);
		} else if (Array.isArray(value)) {
			output += items.map(item => renderPart(inner, [...scopes, item], templateName)).join('');
		} else if (truthy) {
			output += renderPart(inner, scopes, templateName);
		}

		pattern.lastIndex = position;
	}

	return output + text.slice(position);
}
