/** The tinyml installation root (where package.json, micro-runtime/ and templates/ are). */
import { projectRoot } from './paths';

export { projectRoot as repoRoot };
