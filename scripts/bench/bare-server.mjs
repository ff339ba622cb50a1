// The bench's ceiling: a bare node:http server answering the API's success envelope.
import { createServer } from 'node:http';

const body = JSON.stringify({ code: 0, message: '请求成功', data: {} });
createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1');
process.once('SIGTERM', () => process.exit(0));
