import ts from "typescript";

// Props whose string values a user reads (or a screen reader says).
const USER_FACING_PROPS = new Set(["label", "title", "placeholder", "aria-label", "alt", "description", "hint", "summary"]);
// Text with a letter in it (Latin or CJK); "·", "—", "×" and numbers are layout, not language.
const WORDS = /[A-Za-z\u4e00-\u9fff]/;

export interface Literal {
  line: number;
  text: string;
}

/**
 * User-facing text written straight into a component instead of coming from the message catalog: JSX text, string
 * literals in JSX expressions, and string values of user-facing props.
 */
export function literalsIn(fileName: string, source: string): Literal[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Literal[] = [];
  const add = (node: ts.Node, text: string) => {
    if (WORDS.test(text)) found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) add(node, node.getText());
    else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const text of shownStrings(node.expression)) add(node, text);
    } else if (ts.isJsxAttribute(node) && USER_FACING_PROPS.has(node.name.getText()) && node.initializer) {
      const value = node.initializer;
      if (ts.isStringLiteral(value)) add(value, value.text);
      else if (ts.isJsxExpression(value) && value.expression) for (const text of shownStrings(value.expression)) add(value, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The strings an expression can put on screen: literals, template text, either branch of `?:`, the fallback of `??`/`||`. */
function shownStrings(node: ts.Expression): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
  if (ts.isParenthesizedExpression(node)) return shownStrings(node.expression);
  if (ts.isConditionalExpression(node)) return [...shownStrings(node.whenTrue), ...shownStrings(node.whenFalse)];
  const fallback = [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken];
  if (ts.isBinaryExpression(node) && fallback.includes(node.operatorToken.kind)) return shownStrings(node.right);
  return [];
}
