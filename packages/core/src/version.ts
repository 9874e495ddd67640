/** The library version, used in the default User-Agent header. Kept in step with package.json by a test. */
export const VERSION = '0.1.0';
