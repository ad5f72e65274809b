/**
 * Custom Elements Manifest of the widget (dist/widget/npm/custom-elements.json): attributes,
 * properties, events, CSS parts and CSS custom properties of every element, from the sources
 * and their JSDoc (@fires, @csspart, @cssproperty).
 */

/** Our elements register through defineElement(tag, Class) (tolerant of double loading); name their tags. */
function defineElementCalls() {
  return {
    name: 'ticket-shop:define-element',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'defineElement') return;
      const [tag, constructor] = node.arguments;
      if (!tag || !constructor || !ts.isStringLiteral(tag)) return;
      const declaration = moduleDoc.declarations?.find((d) => d.name === constructor.getText());
      if (!declaration) return;
      declaration.tagName = tag.text;
      declaration.customElement = true;
      moduleDoc.exports = [
        ...(moduleDoc.exports ?? []),
        { kind: 'custom-element-definition', name: tag.text, declaration: { name: declaration.name, module: moduleDoc.path } },
      ];
    },
  };
}

export default {
  globs: ['widget/src/**/*.ts'],
  exclude: ['widget/src/**/*.test.ts', 'widget/src/testing/**', 'widget/src/**/*.d.ts'],
  outdir: 'dist/widget/npm',
  litelement: true,
  packagejson: false,
  plugins: [defineElementCalls()],
};
