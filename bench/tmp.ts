/**
 * The benchmarks' generated workbooks and bundles go in the tests' temporary directories
 * (test/support/tmp), removed when the process exits; COMPETENCY_KEEP_TMP=1 keeps them.
 */
import { removeTempDirs, tempDir } from '../test/support/tmp';

process.on('exit', removeTempDirs);

/**
 * A fresh directory under the system's temporary directory, removed at exit.
 * @example const file = path.join(benchDir('competency-insights-'), 'insights.xlsx')
 */
export function benchDir(prefix: string): string {
  return tempDir(prefix);
}
