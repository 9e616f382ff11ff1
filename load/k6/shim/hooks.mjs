// Module resolution hooks of the shim: the k6 modules resolve to the fakes in ./modules, and the scripts'
// .js files load as ES modules (as k6 reads them) whatever package.json says.
const modules = {
  k6: './modules/k6.mjs',
  'k6/ws': './modules/ws.mjs',
  'k6/metrics': './modules/metrics.mjs',
  'k6/execution': './modules/execution.mjs'
};

export async function resolve(specifier, context, nextResolve) {
  if (Object.prototype.hasOwnProperty.call(modules, specifier)) {
    return { url: new URL(modules[specifier], import.meta.url).href, shortCircuit: true };
  }
  if (specifier.startsWith('k6/') || specifier.startsWith('https://')) {
    throw new Error('the k6 shim does not provide ' + specifier);
  }
  const r = await nextResolve(specifier, context);
  if (r.url.startsWith('file:') && r.url.endsWith('.js') && !r.url.includes('/node_modules/')) {
    return { ...r, format: 'module' };
  }
  return r;
}
