// Gives a plain Node child process the `process.parentPort` that Electron gives a utility process
// (messages arrive as `{ data }` events; postMessage answers the parent).
process.parentPort = {
  on(event, listener) {
    if (event === 'message') process.on('message', (data) => listener({ data, ports: [] }));
  },
  postMessage(message) {
    process.send(message);
  },
};
