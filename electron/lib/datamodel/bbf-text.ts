// Turns a BBF data-model description (MediaWiki-like markup with {{...}}
// templates, see TR-106 Annex A.2.1 "Description markup") into a short plain
// text for tooltips and the parameter inspector.

const LIMIT = 300;

/** What the argument-less templates stand for ({{units}}, {{param}}, {{datatype|expand}}). */
export interface TextContext { name?: string; units?: string; dataTypeDescription?: string }

/** Text for one template; `args` are its '|'-separated arguments. */
function expand(name: string, args: string[], ctx: TextContext): string {
  switch (name) {
    case 'units': return args[0] ?? ctx.units ?? '';
    case 'param': case 'object': return args[0] ?? ctx.name ?? '';
    case 'true': case 'false': case 'null': return name;
    case 'empty': return 'an empty string';
    case 'maxval': return 'the maximum value';
    case 'enum': case 'pattern': case 'command': case 'event': case 'keys': case 'range':
      return args[0] ?? '';
    case 'bibref': return args[0] ? `[${args[0]}]` : '';
    case 'list': return args[0] ? `Comma-separated list of ${args[0]}.` : 'Comma-separated list.';
    case 'reference': return args[0] ? `Reference to ${args[0]}.` : '';
    case 'numentries': return 'The number of entries in the corresponding table.';
    case 'section': return '';
    // {{datatype|expand}}, {{deprecated|...}}, {{obsoleted|...}}, {{hidden}}, {{template|...}}, ...
    default: return '';
  }
}

export function plainText(raw: string, ctx: TextContext = {}, limit = LIMIT): string {
  if (!raw) return '';
  // {{datatype|expand}} stands for the named data type's own description.
  let s = raw.replace(/\{\{datatype\|expand\}\}/g, ctx.dataTypeDescription ?? '');
  // "{i}" inside template arguments (object paths) would break the brace matching.
  s = s.replace(/\{i\}/g, '\u0001');
  // Innermost templates first; nesting is shallow (a {{param}} inside a {{reference}}).
  for (let guard = 0; guard < 6 && s.includes('{{'); guard++) {
    s = s.replace(/\{\{([^{}]*)\}\}/g, (_m, inner: string) => {
      const [name, ...args] = inner.split('|');
      return expand(name.trim(), args.map((a) => a.trim()), ctx);
    });
  }
  // eslint-disable-next-line no-control-regex -- \u0001 is the placeholder set above, never text from the model
  s = s.replace(/\u0001/g, '{i}').replace(/'''|''/g, '').replace(/\s+/g, ' ').trim();
  if (s.length <= limit) return s;
  const cut = s.lastIndexOf(' ', limit - 1);
  return s.slice(0, cut > limit / 2 ? cut : limit - 1) + '…';
}
