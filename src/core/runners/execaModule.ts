/**
 * The one way core code loads execa. execa@9 is ESM-only: a static import breaks under tsx's
 * CommonJS transform (its dependencies export only `import` conditions), while a dynamic import
 * works under tsx (unit tests, benches) and in the esbuild CJS bundle alike.
 */
type Execa = typeof import('execa');

let cached: Promise<Execa> | undefined;

export function loadExeca(): Promise<Execa> {
  return (cached ??= import('execa'));
}
