// Our own CLI (bin/skiff -H unix://<socket>, compiled) driving a real skiffd child process,
// with the same expectations as the docker CLI suite.
import { defineCliCompatSuite } from './cli-compat-suite.js';
import { skiffClient } from './cli-client.js';

defineCliCompatSuite('skiff CLI', (socket) => skiffClient(socket));
