// Webpack loader for src/functions/functions.ts. custom-functions-metadata-plugin appends one
// `CustomFunctions.associate("ID", fn);` line per function to the source; this loader runs right
// after it and puts those lines behind `typeof CustomFunctions !== "undefined"`, so that the
// shared-runtime page does not throw in a plain browser where office.js could not load (offline).
// Inside Excel, and wherever office.js loaded, CustomFunctions exists and nothing changes.
// If the plugin ever writes its calls differently, nothing matches and the source passes through.
const ASSOCIATE = /\nCustomFunctions\.associate\(("[^"\n]*"), ([A-Za-z_$][\w$]*)\);/g;

module.exports = function guardAssociate(source) {
  const calls = [];
  const rest = source.replace(ASSOCIATE, (_line, id, fn) => {
    calls.push(`  CustomFunctions.associate(${id}, ${fn});`);
    return '';
  });
  if (calls.length === 0) return source;
  return `${rest}\nif (typeof CustomFunctions !== "undefined") {\n${calls.join('\n')}\n}\n`;
};
