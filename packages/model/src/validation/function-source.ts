/**
 * Syntax check of user function source (map fn, key selectors...). The source is compiled, never
 * called: user functions run only inside TaskManager workers. It is compiled the way the engine's
 * compileUserFunction does (`"use strict"; return (source)`), so what passes here compiles there.
 */

/** Why `source` is not a JavaScript function expression, or undefined when it is one. */
export function functionSourceProblem(source: string): string | undefined {
  const syntaxError = compileError(`"use strict"; return (${source});`);
  if (syntaxError !== undefined) return `is not valid JavaScript: ${syntaxError}`;
  // Compiling it a second time between brackets catches source that closes our parenthesis and goes on,
  // e.g. "(a) => a)(1": it compiles as a call inside parentheses, never as a single expression inside brackets.
  if (compileError(`"use strict"; return [${source}];`) !== undefined || !isFunctionExpression(source)) {
    return 'must be a single function expression, e.g. "(value, ctx) => value"';
  }
  return undefined;
}

function compileError(body: string): string | undefined {
  try {
    // Constructing a Function only parses its body; nothing of it runs until it is called, which never happens here.
    new Function(body);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Given source that compiles as one expression: does it start as a function or an arrow function does? */
function isFunctionExpression(source: string): boolean {
  const text = source.trim().replace(/^async\b\s*/, '');
  if (/^function\b/.test(text)) return true;
  if (/^[A-Za-z_$][\w$]*\s*=>/.test(text)) return true;
  if (!text.startsWith('(')) return false;
  const close = matchingParenthesis(text);
  // "(v => v)": a function in redundant parentheses is still one.
  if (close === text.length - 1) return isFunctionExpression(text.slice(1, -1));
  return (
    close !== -1 &&
    text
      .slice(close + 1)
      .trimStart()
      .startsWith('=>')
  );
}

/** Index of the parenthesis closing text[0], skipping string literals; -1 if unbalanced. */
function matchingParenthesis(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}
