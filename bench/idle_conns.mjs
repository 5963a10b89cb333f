// idle_conns: opens N keep-alive connections to a server, makes one request on each (so each
// connection is a served one, holding whatever per-connection memory the server keeps), prints
// "ready N" and holds them idle until its standard input closes. bench/compare.sh measures the
// servers' RSS in between (issue 16: 1,000 idle keep-alive connections add at most 20 MB).
//   node bench/idle_conns.mjs PORT N PATH [COOKIE]
import net from 'node:net';

const [port, n, path, cookie] = [Number(process.argv[2]), Number(process.argv[3] || 1000), process.argv[4] || '/healthz', process.argv[5]];
const request =
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n` +
  (cookie ? `Cookie: dudao_session=${cookie}\r\n` : '') +
  '\r\n';

function open() {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let got = '';
    s.setTimeout(30_000, () => reject(new Error('timeout')));
    s.on('error', reject);
    s.on('connect', () => s.write(request));
    s.on('data', (d) => {
      got += d.toString('latin1');
      const head = got.indexOf('\r\n\r\n');
      const len = /content-length: *(\d+)/i.exec(got);
      if (head >= 0 && len && got.length >= head + 4 + Number(len[1])) {
        s.setTimeout(0);
        s.removeAllListeners('data');
        resolve(s);
      }
    });
  });
}

const sockets = [];
for (let i = 0; i < n; i += 50) {
  sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, open))));
}
console.log(`ready ${sockets.length}`);
process.stdin.resume();
process.stdin.on('end', () => {
  for (const s of sockets) s.destroy();
  process.exit(0);
});
