import assert from 'node:assert/strict';
import {test} from 'node:test';
import {renderTemplate, TemplateError} from '../../source/render/template.js';

test('placeholders, sections, inverted sections and lists', () => {
	const template = 'name={{name}}\n{{#on}}\nshown {{port}}\n{{/on}}\n{{^on}}\nhidden\n{{/on}}\n{{#items}}\n- {{item}} of {{name}}\n{{/items}}\nend\n';
	assert.equal(
		renderTemplate(template, {name: 'x', on: true, port: 80, items: [{item: 'a'}, {item: 'b'}]}),
		'name=x\nshown 80\n- a of x\n- b of x\nend\n',
	);
	assert.equal(renderTemplate(template, {name: 'x', on: false, port: 80, items: []}), 'name=x\nhidden\nend\n');
});

test('a value can never add a line or a control character to a file', () => {
	for (const value of ['a\nb', 'a\rb', 'a\u0000b', 'a\u001bb']) {
		assert.throws(() => renderTemplate('x {{v}}\n', {v: value}), TemplateError);
	}
});

test('template mistakes are errors, not silent gaps', () => {
	assert.throws(() => renderTemplate('{{missing}}', {}), /no value for \{\{missing\}\}/);
	assert.throws(() => renderTemplate('{{#open}}x', {open: true}), /never closed/);
	assert.throws(() => renderTemplate('x{{/close}}', {}), /never opened/);
	assert.throws(() => renderTemplate('{{list}}', {list: []}), /is a section/);
});
