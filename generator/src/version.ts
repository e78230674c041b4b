/** The generator's version, from package.json (banners in generated code carry it). */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const pkg = require('../../../package.json') as { version: string };
export const GENERATOR_VERSION: string = pkg.version;
