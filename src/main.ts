/** Entry point of `npm start`: serve Concord; a configuration error stops start-up with its message. */
import { ConfigError } from './platform/config';
import { serve } from './serve';

serve().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
