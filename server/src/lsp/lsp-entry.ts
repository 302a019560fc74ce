/** The module the VS Code extension runs as its language server process; the transport comes from argv. */
import { startServer } from './server';

startServer();
