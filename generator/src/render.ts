/**
 * The one Handlebars renderer for every template under templates/ (model, host, project). Strict:
 * a template that names a field its view-model lacks throws instead of printing nothing. No HTML
 * escaping: the output is C, make, INI, Robot and Markdown, and the view-models hold text that is
 * already in its target syntax.
 */
import * as fs from 'fs';
import Handlebars from 'handlebars';
import { rootPath } from './paths';

const hbs = Handlebars.create();
const cache = new Map<string, Handlebars.TemplateDelegate>();

/** Renders templates/<rel> (e.g. "model/model.c.hbs") with its view-model. */
export function renderTemplate<V extends object>(rel: string, view: V): string {
  let t = cache.get(rel);
  if (!t) {
    const file = rootPath('templates', rel);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new Error(`missing template ${file}`);
    }
    t = hbs.compile(text, { noEscape: true, strict: true });
    cache.set(rel, t);
  }
  return t(view);
}
