/**
 * Jest runs this in every test file (setupFilesAfterEnv): the temporary directories the file's
 * tests made with tempDir are removed when the file ends.
 */
import { removeTempDirs } from './tmp';

afterAll(removeTempDirs);
